import type { Knex } from 'knex';
import { dialectOf } from '../../../src/store/dialect';
import { createStore } from '../../../src/store/store';
import { fixed, markdownTable } from '../lib/markdown-table';
import { summarize, type Summary } from '../lib/percentiles';

export const DUE = 100;
export const CLAIM_LIMIT = 10;
export const ROUNDS = 31;

export interface SizeResult {
  pending: number;
  due: number;
  loadSeconds: number;
  claimMicros: Summary;
  queryPlan: string[];
}

/**
 * The dialer's own claim (claimDue), timed: every due row claimed CLAIM_LIMIT at a time, as the dialer does, then
 * put back, untimed; ROUNDS times, the first a warm-up (JIT, the store's caches) that does not count.
 */
export async function timeClaims(db: Knex, now: Date): Promise<Summary> {
  const { callbacks } = createStore(db);
  const samples: number[] = [];
  for (let round = 0; round < ROUNDS; round += 1) {
    for (let claimed = 0; claimed < DUE; claimed += CLAIM_LIMIT) {
      const start = process.hrtime.bigint();
      const { rows } = await callbacks.claimDue(now, 120_000, CLAIM_LIMIT);
      if (round > 0) samples.push(Number(process.hrtime.bigint() - start) / 1000);
      if (rows.length !== CLAIM_LIMIT) throw new Error(`claimed ${rows.length}, expected ${CLAIM_LIMIT}`);
    }
    await db('callbacks').where('state', 'dialing').update({ state: 'scheduled', locked_until: null, lease_token: null });
  }
  return summarize(samples);
}

/** How the store finds the due rows: SQLite's EXPLAIN QUERY PLAN, PostgreSQL's EXPLAIN of the claim's locking select. */
export async function queryPlan(db: Knex, now: Date): Promise<string[]> {
  const select = `SELECT id FROM callbacks WHERE state = 'scheduled' AND next_call_at <= ? ORDER BY next_call_at, id LIMIT ${CLAIM_LIMIT}`;
  if (dialectOf(db) === 'postgres') {
    const plan = await db.raw<{ rows: { 'QUERY PLAN': string }[] }>(`EXPLAIN ${select} FOR UPDATE SKIP LOCKED`, [
      now.toISOString(),
    ]);
    return plan.rows.map((row) => row['QUERY PLAN'].trim());
  }
  const plan: { detail: string }[] = await db.raw(`EXPLAIN QUERY PLAN ${select}`, [now.toISOString()]);
  return plan.map((p) => p.detail);
}

/** The sizes' table, each p50 against the smallest size's; and the worst of those ratios. */
export function claimCostTable(results: SizeResult[]): { table: string; worst: number } {
  const base = results[0].claimMicros.p50;
  const table = markdownTable(
    ['pending rows', 'due', 'claim p50 (µs)', 'claim p95 (µs)', `p50 ratio to ${results[0].pending}`, 'load (s)'],
    results.map((r) => [
      r.pending,
      r.due,
      fixed(r.claimMicros.p50),
      fixed(r.claimMicros.p95),
      fixed(r.claimMicros.p50 / base, 2),
      fixed(r.loadSeconds),
    ]),
  );
  return { table, worst: Math.max(...results.map((r) => r.claimMicros.p50 / base)) };
}
