/**
 * `npm run bench:scheduler`: the cost of one dialer claim (claimDue in src/store/repositories/callback-repository.ts) with 10k, 100k and
 * 1M pending callbacks of which a fixed number are due. If the (state, next_call_at) index does its job, the
 * cost follows the due rows, not the table: the ratio to the 10k case stays near 1 (target: within 2×).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { openDb } from '../../src/store/db';
import { migrateLatest } from '../../src/store/migrate';
import { createStore } from '../../src/store/store';
import { describeMachine, machineFacts } from './lib/machine-facts';
import { fixed, markdownTable } from './lib/markdown-table';
import { summarize, type Summary } from './lib/percentiles';
import { writeResults } from './lib/results-file';
import { loadCallbacks } from './scheduler/load-callbacks';

const DUE = 100;
const CLAIM_LIMIT = 10;
const ROUNDS = 31;
const sizes = process.argv.includes('--quick') ? [10_000, 50_000] : [10_000, 100_000, 1_000_000];
const now = new Date('2026-06-01T02:00:00.000Z');

interface SizeResult {
  pending: number;
  due: number;
  loadSeconds: number;
  claimMicros: Summary;
  queryPlan: string[];
}

async function measure(pending: number): Promise<SizeResult> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ivrpay-bench-scheduler-'));
  const db = await openDb(path.join(dir, 'bench.sqlite'));
  try {
    await migrateLatest(db);
    const loadStart = process.hrtime.bigint();
    await loadCallbacks(db, pending, DUE, now);
    const loadSeconds = Number(process.hrtime.bigint() - loadStart) / 1e9;
    await db.raw('ANALYZE');
    const { callbacks } = createStore(db);
    const samples: number[] = [];
    for (let round = 0; round < ROUNDS; round += 1) {
      // Every due row is claimed, CLAIM_LIMIT at a time, as the dialer does; then put back, untimed.
      for (let claimed = 0; claimed < DUE; claimed += CLAIM_LIMIT) {
        const start = process.hrtime.bigint();
        const { rows } = await callbacks.claimDue(now, 120_000, CLAIM_LIMIT);
        // Round 0 warms the JIT and SQLite's page cache; only the rounds after it count.
        if (round > 0) samples.push(Number(process.hrtime.bigint() - start) / 1000);
        if (rows.length !== CLAIM_LIMIT) throw new Error(`claimed ${rows.length}, expected ${CLAIM_LIMIT}`);
      }
      await db('callbacks').where('state', 'dialing').update({ state: 'scheduled', locked_until: null, lease_token: null });
    }
    const plan: { detail: string }[] = await db.raw(
      "EXPLAIN QUERY PLAN SELECT id FROM callbacks WHERE state = 'scheduled' AND next_call_at <= ? ORDER BY next_call_at, id LIMIT 10",
      [now.toISOString()],
    );
    return { pending, due: DUE, loadSeconds, claimMicros: summarize(samples), queryPlan: plan.map((p) => p.detail) };
  } finally {
    await db.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const machine = machineFacts();
  const results: SizeResult[] = [];
  for (const pending of sizes) {
    process.stderr.write(`loading ${pending} pending callbacks (${DUE} due) and claiming…\n`);
    results.push(await measure(pending));
  }
  const base = results[0].claimMicros.p50;
  const table = markdownTable(
    ['pending rows', 'due', 'claim p50 (µs)', 'claim p95 (µs)', 'p50 ratio to 10k', 'load (s)'],
    results.map((r) => [
      r.pending,
      r.due,
      fixed(r.claimMicros.p50),
      fixed(r.claimMicros.p95),
      fixed(r.claimMicros.p50 / base, 2),
      fixed(r.loadSeconds),
    ]),
  );
  const worst = Math.max(...results.map((r) => r.claimMicros.p50 / base));
  writeResults('scheduler', {
    machine,
    claimLimit: CLAIM_LIMIT,
    rounds: ROUNDS,
    results,
    worstRatio: worst,
    target: 'within 2x of 10k',
  });
  console.log(
    `Scheduler claim cost (${CLAIM_LIMIT} rows a claim, ${ROUNDS - 1} measured rounds); ${describeMachine(machine)}\n\n${table}\n`,
  );
  console.log(`query plan: ${results[results.length - 1].queryPlan.join(' / ')}`);
  console.log(`worst p50 ratio to 10k: ${fixed(worst, 2)}× — target within 2×: ${worst <= 2 ? 'met' : 'MISSED'}`);
}

main().catch((err: unknown) => {
  pino().error({ err }, 'scheduler benchmark failed');
  process.exit(1);
});
