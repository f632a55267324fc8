import type { SweepLevel } from './sweep-level';

/** The latency a level must keep to hold: p99 from a key to the next prompt, in ms (issue 16). */
export const KNEE_P99_MS = 100;

export interface Knees {
  /** The baseline: every call completed. */
  dialplan?: number;
  /** ivrpay: every admitted call paid (refused calls apart). */
  app?: number;
  /** ivrpay, stricter: every call placed admitted and paid; what compares with the baseline's knee. */
  appNoneRefused?: number;
}

/**
 * The highest level that holds with every level below it holding too: a level that holds only after one
 * that did not is luck, not capacity. Undefined when the lowest level does not hold.
 */
export function kneeOf(levels: SweepLevel[], holds: (level: SweepLevel) => boolean): number | undefined {
  let knee: number | undefined;
  for (const level of [...levels].sort((a, b) => a.level - b.level)) {
    if (!holds(level)) break;
    knee = level.level;
  }
  return knee;
}

const fastEnough = (p99Ms: number) => p99Ms <= KNEE_P99_MS; // NaN (no interval measured) is not

export function kneesOf(levels: SweepLevel[]): Knees {
  return {
    dialplan: kneeOf(levels, ({ dialplan: d }) => d.completed === d.calls && fastEnough(d.p99Ms)),
    app: kneeOf(levels, ({ app }) => !!app && app.admitted > 0 && app.failed === 0 && fastEnough(app.p99Ms)),
    appNoneRefused: kneeOf(levels, ({ app }) => !!app && app.paid === app.calls && fastEnough(app.p99Ms)),
  };
}
