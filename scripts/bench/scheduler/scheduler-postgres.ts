import { freshSchema, usePostgres } from '../lib/bench-postgres';
import { headCommit } from '../lib/head-commit';
import { describeMachine, machineFacts } from '../lib/machine-facts';
import { fixed } from '../lib/markdown-table';
import { writeResults } from '../lib/results-file';
import { raceClaimers } from './claim-race';
import { CLAIM_LIMIT, claimCostTable, DUE, queryPlan, ROUNDS, timeClaims, type SizeResult } from './claim-cost';
import { loadCallbacksPostgres } from './load-callbacks-postgres';
import { raceReport } from './race-tally';

function log(line: string): void {
  process.stderr.write(`bench:scheduler: ${line}\n`);
}

/** bench:scheduler --store postgres: the claim cost per table size, each on a fresh schema, then the race. */
export async function runPostgresScheduler(opts: {
  sizes: number[];
  now: Date;
  databaseUrl: string | undefined;
  raceDue: number;
}): Promise<void> {
  const machine = machineFacts();
  const head = headCommit();
  const pg = usePostgres(opts.databaseUrl, log);
  const results: SizeResult[] = [];
  let postgresVersion = 'unknown';
  let race;
  try {
    for (const pending of opts.sizes) {
      const schema = await freshSchema(pg.url, `claim${pending}`, 2);
      try {
        postgresVersion = (await schema.db.raw<{ rows: { server_version: string }[] }>('show server_version')).rows[0]
          .server_version;
        log(`loading ${pending} pending callbacks (${DUE} due) and claiming…`);
        const loadStart = process.hrtime.bigint();
        await loadCallbacksPostgres(schema.db, pending, DUE, opts.now);
        const loadSeconds = Number(process.hrtime.bigint() - loadStart) / 1e9;
        // As autovacuum would soon after a bulk load: statistics for the planner, the visibility map for the index.
        await schema.db.raw('VACUUM ANALYZE callbacks');
        const claimMicros = await timeClaims(schema.db, opts.now);
        results.push({ pending, due: DUE, loadSeconds, claimMicros, queryPlan: await queryPlan(schema.db, opts.now) });
      } finally {
        await schema.drop();
      }
    }
    race = raceReport(await raceClaimers(pg, opts.now, opts.raceDue, log));
  } finally {
    pg.release();
  }
  const { table, worst } = claimCostTable(results);
  const file = writeResults('scheduler-postgres', {
    benchmark: 'scheduler --store postgres',
    machine,
    head,
    postgresVersion,
    database: pg.maskedUrl,
    claimLimit: CLAIM_LIMIT,
    rounds: ROUNDS,
    results,
    worstRatio: worst,
    target: 'within 2x of 10k',
    race: { due: opts.raceDue, ...race },
  });
  const machineLine = describeMachine(machine, { PostgreSQL: postgresVersion });
  console.log(
    `Scheduler claim cost on PostgreSQL (${CLAIM_LIMIT} rows a claim, ${ROUNDS - 1} measured rounds); ${machineLine}; head ${head.commit.slice(0, 7)}${head.dirty ? ' (uncommitted changes)' : ''}\n\n${table}\n`,
  );
  console.log(`query plan: ${results[results.length - 1].queryPlan.join(' / ')}`);
  console.log(
    `worst p50 ratio to ${results[0].pending}: ${fixed(worst, 2)}× — target within 2×: ${worst <= 2 ? 'met' : 'MISSED'}\n`,
  );
  console.log(
    `Two claimers racing for ${opts.raceDue} due callbacks (of ${opts.raceDue * 5}), two rounds:\n\n${race.markdown}\n`,
  );
  console.log(`Results: ${file}`);
}
