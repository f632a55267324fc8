import path from 'node:path';
import type { Knex } from 'knex';
import { freshSchema, type BenchPostgres } from '../lib/bench-postgres';
import { cpuPercent, processCpuMicros } from '../lib/proc-cpu';
import { processTreeCpuMicros } from '../lib/process-tree-cpu';
import { forkWorker, type Worker } from '../lib/worker-rpc';
import { CLAIM_LIMIT } from './claim-cost';
import { loadCallbacksPostgres } from './load-callbacks-postgres';
import { tallyClaims, type RaceRun } from './race-tally';

type Claimer = Worker<{ pid: number }>;

/** Due rows are one in this many of the table, as in a store with work due and work waiting. */
const PENDING_PER_DUE = 5;

/** Every claimed row back to `scheduled`, and the table vacuumed, so each run starts from the same store. */
async function reset(db: Knex): Promise<void> {
  await db('callbacks').where('state', 'dialing').update({ state: 'scheduled', locked_until: null, lease_token: null });
  await db.raw('VACUUM ANALYZE callbacks');
}

async function run(claimers: Claimer[], db: Knex, pg: BenchPostgres, now: Date, due: number, round: number): Promise<RaceRun> {
  const cpu = () => ({
    claimers: claimers.reduce((n, c) => n + processCpuMicros(c.ready.pid), 0),
    postgres: pg.postmasterPid ? processTreeCpuMicros(pg.postmasterPid) : NaN,
  });
  const before = cpu();
  const started = performance.now();
  // Sent back to back: each claimer starts on its message, within a fraction of a millisecond of the other.
  const answers = await Promise.all(
    claimers.map((c) => c.call<{ ids: string[]; claims: number }>('claimAll', { nowIso: now.toISOString(), limit: CLAIM_LIMIT })),
  );
  const wallMs = performance.now() - started;
  const after = cpu();
  const dialing = await db('callbacks').where('state', 'dialing').count<{ n: number }[]>({ n: '*' });
  return {
    round,
    claimers: claimers.length,
    ...tallyClaims(
      answers.map((a) => a.ids),
      due,
    ),
    claims: answers.reduce((n, a) => n + a.claims, 0),
    claimsPerClaimer: answers.map((a) => a.claims),
    wallMs,
    dialingInStore: Number(dialing[0].n),
    cpu: {
      claimers: cpuPercent(before.claimers, after.claimers, wallMs),
      postgres: cpuPercent(before.postgres, after.postgres, wallMs),
    },
  };
}

/**
 * Two claimer processes (two nodes' dialers) claim the same `due` rows at once, and one alone, two rounds each in
 * alternating order: every row must go to exactly one claim.
 */
export async function raceClaimers(pg: BenchPostgres, now: Date, due: number, log: (line: string) => void): Promise<RaceRun[]> {
  const schema = await freshSchema(pg.url, 'race', 2);
  const claimers: Claimer[] = [];
  try {
    log(`race: loading ${due * PENDING_PER_DUE} pending callbacks, ${due} due`);
    await loadCallbacksPostgres(schema.db, due * PENDING_PER_DUE, due, now);
    await schema.db.raw('VACUUM ANALYZE callbacks');
    for (let i = 0; i < 2; i++) {
      const claimer = await forkWorker<{ pid: number }>(path.join(__dirname, 'claimer-worker.ts'));
      claimers.push(claimer);
      await claimer.call('open', { url: pg.url, schema: schema.name });
    }
    const runs: RaceRun[] = [];
    for (const [round, order] of [
      [1, [1, 2]],
      [2, [2, 1]],
    ] as const) {
      for (const count of order) {
        const result = await run(claimers.slice(0, count), schema.db, pg, now, due, round);
        log(
          `race round ${round}, ${count} claimer(s): ${result.claims} claims in ${(result.wallMs / 1000).toFixed(2)} s, claimed twice ${result.claimedTwice}, unclaimed ${result.unclaimed}`,
        );
        runs.push(result);
        await reset(schema.db);
      }
    }
    return runs;
  } finally {
    await Promise.allSettled(claimers.map((c) => c.call('stop')));
    await schema.drop();
  }
}
