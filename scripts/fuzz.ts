/**
 * `npm run fuzz -- --runs 100000 [--seed S] [--suite api]`: the fuzz suites of test/fuzz (the ones `npm test` runs
 * with a small, fixed slice) with many runs each. One mocha per suite, in turn; each property appends its runs,
 * time and verdict to a stats file (test/fuzz/fuzz-settings.ts), printed here as a table. Exits 1 on any failure,
 * after printing that suite's output, which ends with the line that replays the failing case.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { describeFailure, UsageError } from './bench/lib/usage-error';
import { machineFacts } from './bench/lib/machine-facts';

interface PropertyStats {
  file: string;
  name: string;
  runs: number;
  ms: number;
  failed: boolean;
}

const root = path.resolve(__dirname, '..');
const fuzzDir = path.join(root, 'test', 'fuzz');

function options() {
  const { values } = parseArgs({
    options: { runs: { type: 'string', default: '100000' }, seed: { type: 'string' }, suite: { type: 'string' } },
  });
  const runs = Number(values.runs);
  if (!Number.isInteger(runs) || runs < 1) throw new UsageError(`--runs must be a positive integer, got ${values.runs}`);
  // A long run explores new ground each time unless told a seed; the seed is printed, so a failure can be replayed.
  const seed = values.seed ?? String(Math.floor(Math.random() * 2 ** 31));
  if (!/^-?\d+$/.test(seed)) throw new UsageError(`--seed must be an integer, got ${seed}`);
  const suites = fs
    .readdirSync(fuzzDir)
    .filter((f) => f.endsWith('.fuzz.test.ts') && (!values.suite || f.includes(values.suite)))
    .sort();
  if (suites.length === 0) throw new UsageError(`no fuzz suite matches ${values.suite}`);
  return { runs, seed, suites };
}

function main(): number {
  const { runs, seed, suites } = options();
  const m = machineFacts();
  console.log(`fuzz: ${runs} runs per property, seed ${seed}, ${m.cores} cores (${m.cpuModel}), node ${m.node}, ${m.date}`);
  const statsFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ivrpay-fuzz-')), 'stats.jsonl');
  const rows: PropertyStats[] = [];
  let failedSuites = 0;
  for (const suite of suites) {
    const started = Date.now();
    const result = spawnSync(
      process.execPath,
      [require.resolve('mocha/bin/mocha.js'), path.join('test', 'fuzz', suite), '--timeout', '0', '--reporter', 'dot'],
      {
        cwd: root,
        encoding: 'utf8',
        env: { ...process.env, FUZZ_RUNS: String(runs), FUZZ_SEED: seed, FUZZ_STATS: statsFile },
        maxBuffer: 64 * 2 ** 20,
      },
    );
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    const stats = fs.existsSync(statsFile)
      ? fs
          .readFileSync(statsFile, 'utf8')
          .trim()
          .split('\n')
          .filter(Boolean)
          .map((l) => JSON.parse(l) as PropertyStats)
      : [];
    fs.rmSync(statsFile, { force: true });
    rows.push(...stats);
    const runsDone = stats.reduce((n, s) => n + s.runs, 0);
    const failures = stats.filter((s) => s.failed).length + (result.status !== 0 && stats.every((s) => !s.failed) ? 1 : 0);
    console.log(
      `${suite.padEnd(34)} ${String(stats.length).padStart(2)} properties  ${String(runsDone).padStart(8)} runs  ${seconds.padStart(7)} s  ${failures} failures`,
    );
    if (result.status !== 0) {
      failedSuites += 1;
      console.log(result.stdout, result.stderr);
    }
  }
  const total = rows.reduce((n, s) => n + s.runs, 0);
  const ms = rows.reduce((n, s) => n + s.ms, 0);
  console.log(
    `total: ${total} runs in ${(ms / 1000).toFixed(1)} s of property time, ${failedSuites} failing suites (seed ${seed})`,
  );
  return failedSuites === 0 ? 0 : 1;
}

try {
  process.exitCode = main();
} catch (err) {
  console.error(describeFailure(err));
  process.exitCode = 2;
}
