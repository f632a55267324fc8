import type { BenchDriver } from './bench-driver';
import { phaseFigures, type PhaseFigures } from './phase-figures';
import { runPhase, type PhaseOptions } from './phase';
import { stopService, type ServiceWorker } from './service-starter';
import { stopReason, sweepLevel, type SweepLevel } from './sweep-level';

export interface SweepRun {
  levels: SweepLevel[];
  /** Every phase's full figures, level by level (the results file keeps them). */
  phases: { level: number; dialplan: PhaseFigures; app?: PhaseFigures }[];
  stoppedEarly?: string;
}

/**
 * Each level in turn: the dialplan baseline, then the app, `level` calls each. Every level gets a fresh
 * service, stopped after it: nothing a level leaves (its calls' rows, a guard that judged the machine
 * overloaded, JIT state, a grown heap) is carried into the next, so a level measures the same whether it is
 * run alone or after others. The service idles through the baseline, as in a plain bench:calls run.
 */
export async function runSweep(deps: {
  driver: BenchDriver;
  startService: () => Promise<ServiceWorker>;
  levels: number[];
  /** The ramp of a level of `calls` calls. */
  rampMs: (calls: number) => number;
  phase: Omit<PhaseOptions, 'calls' | 'rampMs'>;
  log: (line: string) => void;
}): Promise<SweepRun> {
  const { driver, log } = deps;
  const run: SweepRun = { levels: [], phases: [] };
  for (const level of deps.levels) {
    const options: PhaseOptions = { ...deps.phase, calls: level, rampMs: deps.rampMs(level) };
    const worker = await deps.startService();
    try {
      const others = (await driver.client().channels.list()).filter((c) => !c.id.startsWith('bench-')).length;
      log(`${level} calls over ${options.rampMs / 1000} s${others ? ` (${others} other channels on this Asterisk)` : ''}`);
      const dialplan = phaseFigures(await runPhase('dialplan', driver, worker, options));
      log(`  dialplan: ${dialplan.completed}/${dialplan.calls} completed, key→prompt p99 ${dialplan.latencyMs.p99} ms`);
      const reason = stopReason(sweepLevel(level, dialplan));
      if (reason) {
        log(`  stopping: ${reason}`);
        run.levels.push(sweepLevel(level, dialplan));
        run.phases.push({ level, dialplan });
        run.stoppedEarly = reason;
        break;
      }
      const app = phaseFigures(await runPhase('app', driver, worker, options));
      const row = sweepLevel(level, dialplan, app);
      const tally = row.app;
      log(
        `  app: ${tally?.admitted} admitted (${tally?.paid} paid, ${tally?.failed} failed), ${tally?.refused} refused, key→prompt p99 ${app.latencyMs.p99} ms`,
      );
      run.levels.push(row);
      run.phases.push({ level, dialplan, app });
    } finally {
      await stopService(worker);
    }
  }
  return run;
}
