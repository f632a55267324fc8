/**
 * `npm run bench:scheduler -- [--quick] [--store sqlite|postgres] [--database-url <url>] [--race-due 20000]`:
 * the cost of one dialer claim (claimDue in src/store/repositories/callback-repository.ts) with 10k, 100k and 1M
 * pending callbacks of which a fixed number are due. If the (state, next_call_at) index does its job, the cost
 * follows the due rows, not the table: the ratio to the 10k case stays near 1 (target: within 2×).
 * With --store postgres (the sandbox, or --database-url / BENCH_DATABASE_URL), the same on PostgreSQL, then two
 * claimers racing for the same due rows (scheduler/claim-race.ts): rows claimed twice (must be 0) and claims/s.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Command } from 'commander';
import { openDb } from '../../src/store/db';
import { migrateLatest } from '../../src/store/migrate';
import { parseStore, type BenchStore } from './api/api-store-options';
import { headCommit } from './lib/head-commit';
import { describeMachine, machineFacts } from './lib/machine-facts';
import { fixed } from './lib/markdown-table';
import { writeResults } from './lib/results-file';
import { describeFailure, UsageError } from './lib/usage-error';
import { CLAIM_LIMIT, claimCostTable, DUE, queryPlan, ROUNDS, timeClaims, type SizeResult } from './scheduler/claim-cost';
import { loadCallbacks } from './scheduler/load-callbacks';
import { runPostgresScheduler } from './scheduler/scheduler-postgres';

const program = new Command()
  .name('bench:scheduler')
  .option('--quick', 'only 10k and 50k pending rows')
  .option('--store <store>', 'sqlite or postgres', parseStore, 'sqlite')
  .option('--database-url <url>', 'with --store postgres: this PostgreSQL (else BENCH_DATABASE_URL, else the sandbox)')
  .option('--race-due <n>', 'with --store postgres: due rows the two claimers race for', Number, 20_000);

const now = new Date('2026-06-01T02:00:00.000Z');

async function measureSqlite(pending: number): Promise<SizeResult> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ivrpay-bench-scheduler-'));
  const db = await openDb(path.join(dir, 'bench.sqlite'));
  try {
    await migrateLatest(db);
    const loadStart = process.hrtime.bigint();
    await loadCallbacks(db, pending, DUE, now);
    const loadSeconds = Number(process.hrtime.bigint() - loadStart) / 1e9;
    await db.raw('ANALYZE');
    return { pending, due: DUE, loadSeconds, claimMicros: await timeClaims(db, now), queryPlan: await queryPlan(db, now) };
  } finally {
    await db.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const opts = program.parse().opts<{ quick?: boolean; store: BenchStore; databaseUrl?: string; raceDue: number }>();
  const sizes = opts.quick ? [10_000, 50_000] : [10_000, 100_000, 1_000_000];
  if (opts.store === 'postgres') {
    if (!Number.isInteger(opts.raceDue) || opts.raceDue < CLAIM_LIMIT)
      throw new UsageError(`--race-due: a whole number from ${CLAIM_LIMIT}, got ${opts.raceDue}`);
    const databaseUrl = opts.databaseUrl ?? process.env.BENCH_DATABASE_URL;
    await runPostgresScheduler({ sizes, now, databaseUrl, raceDue: opts.raceDue });
    return;
  }
  if (opts.databaseUrl) throw new UsageError('--database-url needs --store postgres');
  const machine = machineFacts();
  const head = headCommit();
  const results: SizeResult[] = [];
  for (const pending of sizes) {
    process.stderr.write(`loading ${pending} pending callbacks (${DUE} due) and claiming…\n`);
    results.push(await measureSqlite(pending));
  }
  const { table, worst } = claimCostTable(results);
  writeResults('scheduler', {
    machine,
    head,
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
  process.stderr.write(`bench:scheduler: ${describeFailure(err)}\n`);
  process.exit(1);
});
