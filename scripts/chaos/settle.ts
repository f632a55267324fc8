import { setTimeout as delay } from 'node:timers/promises';
import Database from 'better-sqlite3';
import type { RunService } from './run-service';

/** How long a run may take to settle, and after how long the clock is moved on to make retries due. */
const SETTLE_LIMIT_MS = 15_000;
const JUMP_AFTER_MS = 600;
/** Past the merchant notifications' longest backoff (1 h) and lease (60 s): every retry is due. */
const SETTLING_JUMP_MS = 2 * 3_600_000;
/** Six jumps and the plan's own (7 h at most) stay short of the 26 h after which an event is given up. */
const MAX_JUMPS = 6;

export interface SettleOptions {
  sqliteFile: string;
  service: RunService;
  /** Nothing in flight at the fault layers, and no notification due at the acquirer. */
  quietOutside(): Promise<boolean>;
  jumpClock(byMs: number): Promise<void>;
}

/** Attempts the service has yet to settle, orders it has yet to release (every call is over), and events to deliver. */
export function openWork(sqliteFile: string): number {
  const db = new Database(sqliteFile, { readonly: true, fileMustExist: true });
  try {
    const row = db
      .prepare(
        `select (select count(*) from payment_attempts where state in ('sending', 'unknown'))
              + (select count(*) from orders where status = 'in_call')
              + (select count(*) from notifications where status = 'pending') as n`,
      )
      .get() as { n: number };
    return row.n;
  } finally {
    db.close();
  }
}

/**
 * After the faults: the service runs (restarted if a kill left it down) until its recovery, query schedules and
 * notification deliveries have nothing left to do. A delivery that failed waits its backoff (up to an hour of
 * the service's clock): after each 0.6 s without quiet the clock jumps two hours, as real time would pass.
 * Gives up after 15 s; the checker then reports what was left open.
 */
export async function settle(opts: SettleOptions): Promise<{ settled: boolean; jumps: number }> {
  const started = Date.now();
  let jumps = 0;
  // Since the last jump, or since the service last came up: a restart's seconds are no time the service had.
  let waitingSince = started;
  for (;;) {
    const before = Date.now();
    await opts.service.ensure();
    if (Date.now() - before > 100) waitingSince = Date.now();
    if ((await opts.quietOutside()) && openWork(opts.sqliteFile) === 0) return { settled: true, jumps };
    if (Date.now() - started > SETTLE_LIMIT_MS) return { settled: false, jumps };
    if (Date.now() - waitingSince > JUMP_AFTER_MS && jumps < MAX_JUMPS) {
      jumps += 1;
      waitingSince = Date.now();
      await opts.jumpClock(SETTLING_JUMP_MS);
    }
    await delay(50);
  }
}
