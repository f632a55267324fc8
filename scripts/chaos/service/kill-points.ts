import type { Knex } from 'knex';
import type { AcquirerPort } from '../../../src/acquirer/acquirer-port';
import type { KillStep } from '../fault-plan';

/** The kill a child carries out itself; 'after-send' is the runner's (it holds the answer at the fault layer). */
export type OwnKill = { step: Exclude<KillStep, 'after-send'>; consume: number };

/** SIGKILL, the real thing: no handler runs, nothing is flushed, the store is left as the last statement left it. */
export function die(): never {
  process.kill(process.pid, 'SIGKILL');
  // The signal is delivered before the next turn; nothing after this line runs in practice.
  throw new Error('killed');
}

/**
 * The acquirer port with the service's death at one step of the `kill.consume`-th consume, without touching the
 * product: before it is sent, once its answer is back, or just before the statement that records that answer
 * runs (knex's `query` event fires before the statement, so SQLite never sees it).
 */
export function withKillPoints(acquirer: AcquirerPort, db: Knex, kill: OwnKill | undefined): AcquirerPort {
  if (!kill) return acquirer;
  let consumes = 0;
  let recording: string | undefined;
  db.on('query', (query: { sql?: string; bindings?: unknown[] }) => {
    if (recording === undefined || !/^update\s+[`"]payment_attempts[`"]/i.test(query.sql ?? '')) return;
    if (query.bindings?.includes(recording)) die();
  });
  return {
    ...acquirer,
    async pay(request) {
      const mine = consumes++ === kill.consume;
      if (mine && kill.step === 'before-send') die();
      const answer = await acquirer.pay(request);
      if (mine && kill.step === 'after-answer') die();
      if (mine) recording = request.attemptId;
      return answer;
    },
  };
}
