import { setTimeout as delay } from 'node:timers/promises';
import { BUSY_PAST_TIMEOUT_MS, type RunPlan } from './fault-plan';
import { count, type Tally } from './fault-tally';
import type { RunService } from './run-service';
import { holdWriteLock } from './sqlite-busy';

export interface TimedFaultsOptions {
  plan: RunPlan;
  sqliteFile: string;
  service: RunService;
  tally: Tally;
  /** Moves the run's clock (the service's and the acquirer's) forward; the service is told by the runner. */
  jumpClock(byMs: number): Promise<void>;
}

/**
 * The faults of the plan that start with the calls or at a time after: another process holding SQLite's write
 * lock, a full disk under the store (armed at once, it comes at a write), the clock jumping. Resolves when all are over.
 * A fault whose moment finds the service dead (between a kill and its restart) is skipped, and not counted.
 */
export async function runTimedFaults(opts: TimedFaultsOptions): Promise<void> {
  const { plan, tally } = opts;
  const faults: Promise<void>[] = [];
  const at = (ms: number, fault: () => Promise<void>) =>
    faults.push(
      delay(ms)
        .then(fault)
        .catch(() => undefined),
    );
  if (plan.sqliteBusy) {
    const { atMs, holdMs } = plan.sqliteBusy;
    at(atMs, async () => {
      if (!opts.service.url()) return;
      if (await holdWriteLock(opts.sqliteFile, holdMs))
        count(tally, holdMs >= BUSY_PAST_TIMEOUT_MS ? 'sqlite busy past busy_timeout' : 'sqlite busy');
    });
  }
  // Counted by the service when its first write is refused (run-service.ts): the window may never be reached.
  if (plan.diskFull) {
    const diskFull = plan.diskFull;
    at(0, () => opts.service.command('diskFull', diskFull));
  }
  if (plan.clockJump) {
    const { atMs, byMs } = plan.clockJump;
    at(atMs, async () => {
      count(tally, 'clock jump');
      await opts.jumpClock(byMs);
    });
  }
  await Promise.all(faults);
}
