import { leastSquares } from './slope';

/** How much growth a metric may show and still count as flat. */
export interface TrendRule {
  /** Per hour, as a fraction of the metric's mean over the run (0.05: 5 % of the mean per hour). */
  relative: number;
  /** Per hour, in the metric's own unit: the allowance never goes below this, so a metric near zero is not judged on noise. */
  floor: number;
}

/**
 * flat: even the slope plus two standard errors stays within the allowance. growing: even the slope
 * less two standard errors exceeds it. unclear: the noise straddles the allowance, which a short run
 * gives for noisy metrics; run longer.
 */
export type Verdict = 'flat' | 'growing' | 'unclear';

export interface Trend {
  points: number;
  first: number;
  last: number;
  min: number;
  max: number;
  mean: number;
  slopePerHour: number;
  /** Two standard errors of the slope, per hour. */
  marginPerHour: number;
  allowancePerHour: number;
  verdict: Verdict;
}

/** A metric's samples, x in minutes since the soak started, judged against its rule. */
export function trend(samples: { minute: number; value: number }[], rule: TrendRule): Trend {
  const values = samples.map((s) => s.value);
  const mean = values.reduce((sum, v) => sum + v, 0) / values.length;
  const fit = leastSquares(samples.map((s) => ({ x: s.minute, y: s.value })));
  const slopePerHour = fit.slope * 60;
  const marginPerHour = 2 * fit.standardError * 60;
  const allowancePerHour = Math.max(rule.relative * Math.abs(mean), rule.floor);
  let verdict: Verdict = 'unclear';
  if (slopePerHour - marginPerHour > allowancePerHour) verdict = 'growing';
  else if (slopePerHour + marginPerHour <= allowancePerHour) verdict = 'flat';
  return {
    points: samples.length,
    first: values[0] ?? NaN,
    last: values[values.length - 1] ?? NaN,
    min: values.length ? Math.min(...values) : NaN,
    max: values.length ? Math.max(...values) : NaN,
    mean,
    slopePerHour,
    marginPerHour,
    allowancePerHour,
    verdict,
  };
}
