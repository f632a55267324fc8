import type { DriveMode } from './bench-call';
import type { BenchDriver } from './bench-driver';
import type { CallsResult } from './calls-report';
import { phaseFigures } from './phase-figures';
import { runPhase, type PhaseOptions, type PhaseRaw } from './phase';
import { phasesOfRun, type TreeName } from './run-plan';
import { stopService, type ServiceWorker } from './service-starter';
import type { ServiceSample } from './service-worker';

export interface CallsRuns {
  /** This tree's runs, as bench:calls has always reported them. */
  runs: CallsResult['runs'];
  /** With --against: the other tree's app phases, run by run. */
  previousRuns: CallsResult['runs'];
  raws: (PhaseRaw & { tree: TreeName })[];
}

/**
 * Every run's phases. Alone, one service takes them all, so its memory across runs shows a leak. With
 * --against, each phase gets a fresh service of its tree, stopped after it: only one process at a time
 * may hold the Stasis app, and a service of either tree then starts each phase in the same state.
 */
export async function runCalls(deps: {
  driver: BenchDriver;
  startService: (tree: TreeName) => Promise<ServiceWorker>;
  phase: PhaseOptions;
  runs: number;
  only?: DriveMode;
  comparing: boolean;
  log: (line: string) => void;
}): Promise<CallsRuns> {
  const { driver, log } = deps;
  const result: CallsRuns = { runs: [], previousRuns: [], raws: [] };
  const shared = deps.comparing ? undefined : await deps.startService('current');
  try {
    for (let run = 1; run <= deps.runs; run++) {
      const phases: Record<TreeName, CallsResult['runs'][number]['phases']> = { current: [], previous: [] };
      const settled: Partial<Record<TreeName, ServiceSample>> = {};
      for (const { mode, tree } of phasesOfRun(run, { only: deps.only, comparing: deps.comparing })) {
        const worker = shared ?? (await deps.startService(tree));
        try {
          const others = (await driver.client().channels.list()).filter((c) => !c.id.startsWith('bench-')).length;
          const which = deps.comparing ? `${mode} (${tree} tree)` : mode;
          log(
            `run ${run}/${deps.runs}, ${which}: ${deps.phase.calls} calls over ${deps.phase.rampMs / 1000} s${others ? ` (${others} other channels on this Asterisk)` : ''}`,
          );
          const raw = await runPhase(mode, driver, worker, deps.phase);
          result.raws.push({ ...raw, tree });
          const figures = phaseFigures(raw);
          phases[tree].push({ ...figures, otherChannelsAtStart: others });
          log(
            `  ${figures.completed}/${figures.calls} completed${figures.paid === undefined ? '' : `, ${figures.paid} paid`}, key→prompt p99 ${figures.latencyMs.p99} ms`,
          );
          if (!shared) settled[tree] = await worker.call<ServiceSample>('settledMemory');
        } finally {
          if (!shared) await stopService(worker);
        }
      }
      const settledAfter = shared ? await shared.call<ServiceSample>('settledMemory') : settled.current;
      if (settledAfter) result.runs.push({ run, phases: phases.current, settledAfter });
      if (settled.previous) result.previousRuns.push({ run, phases: phases.previous, settledAfter: settled.previous });
    }
  } finally {
    if (shared) await stopService(shared);
  }
  return result;
}
