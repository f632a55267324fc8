import fs from 'node:fs';
import fc from 'fast-check';

/**
 * The one place the fuzz suites read how hard to try. CI runs a small, fixed slice of each property (same seed,
 * same inputs every run, so a red build is reproducible, not flaky); `npm run fuzz -- --runs N [--seed S]`
 * (scripts/fuzz.ts) sets the same variables for the long run.
 * - FUZZ_RUNS: runs per property (default 200);
 * - FUZZ_SEED: fast-check's seed (default fixed); `random` draws one, printed on failure;
 * - FUZZ_PATH: with FUZZ_SEED, replays just the failing case fast-check printed (its `path`);
 * - FUZZ_STATS: a file each property appends one JSON line to (runs, ms, failed), read by scripts/fuzz.ts.
 */
export const DEFAULT_FUZZ_RUNS = 200;
export const DEFAULT_FUZZ_SEED = 20260317;

function positiveInt(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a positive integer, got ${raw}`);
  return n;
}

export const FUZZ_RUNS = positiveInt('FUZZ_RUNS', DEFAULT_FUZZ_RUNS);

export const FUZZ_SEED: number = (() => {
  const raw = process.env.FUZZ_SEED;
  if (raw === undefined || raw === '') return DEFAULT_FUZZ_SEED;
  if (raw === 'random') return Math.floor(Math.random() * 2 ** 31);
  const n = Number(raw);
  if (!Number.isInteger(n)) throw new Error(`FUZZ_SEED must be an integer or "random", got ${raw}`);
  return n;
})();

/** Mocha's timeout for a fuzz suite: room for the CI slice, none for a long run (it is bounded by its run count). */
export function fuzzTimeout(msPerRun: number): number {
  return FUZZ_RUNS > DEFAULT_FUZZ_RUNS ? 0 : Math.max(20_000, FUZZ_RUNS * msPerRun * 3);
}

/**
 * fc.assert with the shared runs and seed, and a failure message that says how to replay the case alone:
 * fast-check's own report (seed, path, shrunk counterexample) plus the command line that reruns it.
 */
export async function fuzz<Ts extends [unknown, ...unknown[]]>(
  file: string,
  name: string,
  property: fc.IAsyncPropertyWithHooks<Ts> | fc.IPropertyWithHooks<Ts>,
): Promise<void> {
  const started = performance.now();
  const path = process.env.FUZZ_PATH;
  const details = await fc.check(property as fc.IAsyncProperty<Ts>, {
    numRuns: FUZZ_RUNS,
    seed: FUZZ_SEED,
    ...(path ? { path } : {}),
  });
  const ms = performance.now() - started;
  if (process.env.FUZZ_STATS) {
    fs.appendFileSync(
      process.env.FUZZ_STATS,
      `${JSON.stringify({ file, name, runs: details.numRuns, ms: Math.round(ms), failed: details.failed })}\n`,
    );
  }
  if (!details.failed) return;
  const grep = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/'/g, '.');
  const replay = `FUZZ_SEED=${details.seed} FUZZ_PATH='${details.counterexamplePath ?? ''}' npx mocha ${file} --grep '${grep}'`;
  const cause = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
  throw new Error(
    `${fc.defaultReportMessage(details) ?? 'property failed'}\n\nGot: ${cause}\n\nReplay this case alone:\n  ${replay}\n`,
  );
}
