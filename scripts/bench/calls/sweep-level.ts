import { fixed } from '../lib/markdown-table';
import type { AppQueues } from '../lib/asterisk-queues';
import type { AdmissionTally } from './admission-tally';
import type { AriCost } from './ari-cost';
import type { PhaseFigures } from './phase-figures';

/** One level of a sweep in a row: what the report prints and the knees are judged on. */
export interface SweepLevel {
  /** Concurrent calls placed in each phase. */
  level: number;
  dialplan: { calls: number; completed: number; p99Ms: number; ariQueueMax?: AppQueues };
  /** Absent when the sweep stopped at this level after the dialplan phase. */
  app?: AdmissionTally & {
    calls: number;
    p99Ms: number;
    keyToAppP99Ms?: number;
    appToPromptP99Ms?: number;
    ariPerCall?: AriCost;
    ariQueueMax?: AppQueues;
  };
}

/** Below this share of the baseline's calls completed, the machine is beyond any use: the sweep stops there. */
export const USELESS_BELOW = 0.5;

export function sweepLevel(level: number, dialplan: PhaseFigures, app?: PhaseFigures): SweepLevel {
  const row: SweepLevel = {
    level,
    dialplan: {
      calls: dialplan.calls,
      completed: dialplan.completed,
      p99Ms: dialplan.latencyMs.p99,
      ariQueueMax: dialplan.ariQueueMax,
    },
  };
  return app ? { ...row, app: appRow(app) } : row;
}

function appRow(app: PhaseFigures): NonNullable<SweepLevel['app']> {
  // An app phase reads its orders' statuses, so it always has a tally.
  if (!app.admission) throw new Error('the app phase has no tally of admitted calls');
  return {
    calls: app.calls,
    ...app.admission,
    p99Ms: app.latencyMs.p99,
    keyToAppP99Ms: app.split?.keyToAppMs.p99,
    appToPromptP99Ms: app.split?.appToPromptMs.p99,
    ariPerCall: app.ariPerCall,
    ariQueueMax: app.ariQueueMax,
  };
}

/** Why the sweep goes no further than this level, if it does not. */
export function stopReason(level: SweepLevel): string | undefined {
  const { calls, completed } = level.dialplan;
  if (completed >= calls * USELESS_BELOW) return undefined;
  const pct = fixed((completed * 100) / calls, 1);
  return `the dialplan baseline completed ${completed} of ${calls} calls (${pct} %, under ${USELESS_BELOW * 100} %) at ${level.level}: the machine is beyond any use there, so the app phase and higher levels were not run`;
}
