import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createTestPki } from '../../src/crypto/test-pki';
import { addAll, type Tally } from './fault-tally';
import { addActivity, INVARIANTS, NO_ACTIVITY, type Activity, type Invariant } from './history';
import { runOne, type RunResult } from './run-one';
import { createServiceProcesses } from './service-process';
import type { ChaosTiming } from './service/chaos-service';

/**
 * The service's waits in a chaos run, scaled down from production so a run takes about a second: the adapter's
 * timeout (ACQUIRER_TIMEOUT_MS, 30 s), the caller's wait (ACQUIRER_CALLER_WAIT_MS, 20 s), UnionPay's query
 * schedule (1, 2, 4, 8, 16, 32 s, here a fortieth of it) and the jobs' minute.
 */
export const CHAOS_TIMING: ChaosTiming = {
  acquirerTimeoutMs: 500,
  callerWaitMs: 1_500,
  queryDelaysMs: [25, 50, 100, 200, 400, 800],
  jobEveryMs: 100,
};

export interface ChaosOptions {
  runs: number;
  seed: number;
  /** Runs this index only (a replay); `runs` is then ignored. */
  only?: number;
  /** Runs at once, each with its own service processes. */
  lanes: number;
  /** Called after each run, in the order they end. */
  onRun?: (result: RunResult) => void;
}

export interface ChaosSummary {
  runs: number;
  faults: Tally;
  violations: Map<Invariant, number>;
  /** Runs that failed: a violation, or a run that broke. */
  failed: RunResult[];
  /** Orders charged whose attempt is flagged for the reconciliation file. */
  flagged: number;
  /** Runs that had not settled when the checker ran (what was left open shows as violations). */
  unsettled: number;
  /** Runs whose settling moved the clock on to make notification retries due. */
  settledWithJumps: number;
  activity: Activity;
  ms: number;
}

export async function runChaos(opts: ChaosOptions): Promise<ChaosSummary> {
  const started = Date.now();
  const baseDir = fs.mkdtempSync(path.join(os.tmpdir(), `ivrpay-chaos-${opts.seed}-`));
  const pki = await createTestPki(new Date());
  const indexes = opts.only === undefined ? Array.from({ length: opts.runs }, (_, i) => i) : [opts.only];
  const summary: ChaosSummary = {
    runs: 0,
    faults: new Map(),
    violations: new Map(INVARIANTS.map((i) => [i, 0])),
    failed: [],
    flagged: 0,
    unsettled: 0,
    settledWithJumps: 0,
    activity: { ...NO_ACTIVITY },
    ms: 0,
  };
  let next = 0;
  const lane = async () => {
    const processes = createServiceProcesses();
    try {
      while (next < indexes.length) {
        const result = await runOne({ pki, processes, baseDir, timing: CHAOS_TIMING }, opts.seed, indexes[next++]);
        summary.runs += 1;
        addAll(summary.faults, result.faults);
        addActivity(summary.activity, result.activity);
        for (const v of result.verdict.violations)
          summary.violations.set(v.invariant, (summary.violations.get(v.invariant) ?? 0) + 1);
        summary.flagged += result.verdict.flagged;
        if (!result.settled) summary.unsettled += 1;
        if (result.settleJumps > 0) summary.settledWithJumps += 1;
        if (result.error || result.verdict.violations.length > 0) summary.failed.push(result);
        opts.onRun?.(result);
      }
    } finally {
      await processes.close();
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(opts.lanes, indexes.length)) }, lane));
  if (summary.failed.length === 0) fs.rmSync(baseDir, { recursive: true, force: true });
  summary.ms = Date.now() - started;
  return summary;
}
