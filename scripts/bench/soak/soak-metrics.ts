import type { MinuteSample } from './sample-minute';
import { trend, type Trend, type TrendRule } from './trend';

export interface Metric {
  name: string;
  unit: string;
  value(sample: MinuteSample): number;
  rule: TrendRule;
}

const MB = 2 ** 20;

/**
 * Flat means growing by under 5 % of its mean per hour (issue 17 §4 asks for flat). A leak of a few
 * hundred bytes a call, at 100 calls a minute, is several MB an hour: over 5 % of the heap. The floors
 * keep a metric near zero (lag) or small (handles) from being judged on a step of one.
 */
const FIVE_PERCENT = (floor: number): TrendRule => ({ relative: 0.05, floor });

export const METRICS: Metric[] = [
  { name: 'service RSS', unit: 'MB', value: (s) => s.service.rss / MB, rule: FIVE_PERCENT(1) },
  { name: 'service heap used', unit: 'MB', value: (s) => s.service.heapUsed / MB, rule: FIVE_PERCENT(1) },
  { name: 'service heap after GC', unit: 'MB', value: (s) => s.service.heapAfterGc / MB, rule: FIVE_PERCENT(1) },
  // Where RSS grows when the heap after GC does not: V8's pages, buffers, or (neither) native allocations.
  { name: 'service heap total', unit: 'MB', value: (s) => s.service.heapTotal / MB, rule: FIVE_PERCENT(1) },
  { name: 'service external', unit: 'MB', value: (s) => s.service.external / MB, rule: FIVE_PERCENT(1) },
  { name: 'service open handles', unit: '', value: (s) => s.service.handles, rule: FIVE_PERCENT(2) },
  { name: 'service event-loop lag p99', unit: 'ms', value: (s) => s.service.lagP99Ms, rule: FIVE_PERCENT(2) },
  { name: 'Asterisk channels', unit: '', value: (s) => s.asterisk.channels, rule: FIVE_PERCENT(2) },
  { name: 'Asterisk RSS', unit: 'MB', value: (s) => s.asterisk.rss / MB, rule: FIVE_PERCENT(1) },
];

/** Minutes left out of the slopes: the first, while the calls ramp up and the JIT and caches warm. */
export const WARM_UP_MINUTES = 1;

export interface MetricTrend extends Trend {
  metric: string;
  unit: string;
}

/** Each metric's trend over the minutes after the warm-up (samples with no value, e.g. no GC exposed, left out). */
export function metricTrends(minutes: MinuteSample[], metrics = METRICS): MetricTrend[] {
  const steady = minutes.filter((s) => s.minute > WARM_UP_MINUTES);
  return metrics.map((m) => ({
    metric: m.name,
    unit: m.unit,
    ...trend(
      steady.map((s) => ({ minute: s.minute, value: m.value(s) })).filter((p) => Number.isFinite(p.value)),
      m.rule,
    ),
  }));
}
