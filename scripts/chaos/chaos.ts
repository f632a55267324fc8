/**
 * `npm run chaos -- --runs N [--seed S] [--lanes L] [--only R]`: seeded fault runs (issue 17 §2; README,
 * Reliability: chaos runs). Each run pays a few orders through the service in a child process while faults drawn
 * from the seed hit it; a history checker then verifies the invariants. Prints runs, faults by kind, violations by
 * invariant and the time; exits 1 on any violation (or a run that broke), after printing each failing run with the
 * command that replays it alone.
 */
import { parseArgs } from 'node:util';
import { describeFailure, UsageError } from '../bench/lib/usage-error';
import { machineFacts } from '../bench/lib/machine-facts';
import { formatSummary } from './report';
import { runChaos } from './run-chaos';

function integer(name: string, raw: string | undefined, min: number): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min) throw new UsageError(`--${name} must be an integer of at least ${min}, got ${raw}`);
  return n;
}

function options() {
  const { values } = parseArgs({
    options: {
      runs: { type: 'string', default: '100' },
      seed: { type: 'string' },
      lanes: { type: 'string', default: '2' },
      only: { type: 'string' },
    },
  });
  return {
    runs: integer('runs', values.runs, 1) ?? 100,
    // A new seed each time unless told, printed first so any run can be replayed.
    seed: integer('seed', values.seed, 0) ?? Math.floor(Math.random() * 2 ** 31),
    lanes: integer('lanes', values.lanes, 1) ?? 2,
    only: integer('only', values.only, 0),
  };
}

async function main(): Promise<number> {
  const opts = options();
  const m = machineFacts();
  const what = opts.only === undefined ? `${opts.runs} runs` : `run ${opts.only} only`;
  console.log(
    `chaos: ${what}, seed ${opts.seed}, ${opts.lanes} lanes, ${m.cores} cores (${m.cpuModel}), node ${m.node}, ${m.date}`,
  );
  let done = 0;
  const summary = await runChaos({
    ...opts,
    onRun: (r) => {
      done += 1;
      const bad = r.error ? ' BROKE' : r.verdict.violations.length > 0 ? ` ${r.verdict.violations.length} VIOLATIONS` : '';
      if (bad || done % 50 === 0 || opts.only !== undefined)
        console.log(`  ${done} runs done; run ${r.index}: ${r.ms} ms, ${r.outcomes.join(', ')}${bad}`);
    },
  });
  console.log(formatSummary(opts.seed, summary));
  return summary.failed.length === 0 ? 0 : 1;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    console.error(describeFailure(err));
    process.exitCode = 2;
  },
);
