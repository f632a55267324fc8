import { describeMachine, type MachineFacts } from '../lib/machine-facts';
import { fixed, markdownTable } from '../lib/markdown-table';
import type { CallCounts } from './minute-tally';
import type { MinuteSample } from './sample-minute';
import type { SoakOptions } from './soak-options';
import { metricTrends, WARM_UP_MINUTES, type MetricTrend } from './soak-metrics';

export interface SoakResult {
  benchmark: 'soak';
  machine: MachineFacts;
  asterisk: { version: string; pid: number };
  settings: SoakOptions & Record<string, string | number>;
  /** Minute 0: the service and Asterisk before any call. */
  before: MinuteSample;
  minutes: MinuteSample[];
  /** Once every call has ended (the ones still going were hung up): what is left should match `before`. */
  after?: MinuteSample;
  calls: CallCounts & { paid: number };
  /** Why the run stopped before --minutes, when it did. */
  endedEarly?: string;
}

const MB = 2 ** 20;
const labelled = (t: MetricTrend) => (t.unit ? `${t.metric} (${t.unit})` : t.metric);

function trendTable(trends: MetricTrend[]): string {
  return markdownTable(
    ['metric', 'first', 'last', 'min', 'max', 'slope per hour', '± 2 SE', 'flat under', 'verdict'],
    trends.map((t) => [
      labelled(t),
      fixed(t.first),
      fixed(t.last),
      fixed(t.min),
      fixed(t.max),
      fixed(t.slopePerHour),
      Number.isFinite(t.marginPerHour) ? fixed(t.marginPerHour) : '–',
      fixed(t.allowancePerHour),
      t.verdict,
    ]),
  );
}

function callsTable(result: SoakResult): string {
  const { calls } = result;
  const perMinute = result.minutes.filter((s) => s.minute > WARM_UP_MINUTES).map((s) => s.calls.completed);
  const range = perMinute.length ? `${Math.min(...perMinute)}–${Math.max(...perMinute)}` : '–';
  const table = markdownTable(
    ['started', 'completed', 'paid', 'failed', 'cut at the end', 'completed per minute after warm-up'],
    [[calls.started, calls.completed, calls.paid, calls.failed, calls.cut, range]],
  );
  const reasons = Object.entries(calls.failures).map(([why, n]) => `${why} ${n}`);
  return reasons.length ? `${table}\n\nFailures: ${reasons.join(', ')}.` : table;
}

function atRestTable(before: MinuteSample, after: MinuteSample): string {
  const row = (name: string, value: (s: MinuteSample) => number, digits = 0) => [
    name,
    fixed(value(before), digits),
    fixed(value(after), digits),
  ];
  return markdownTable(
    ['with no call', 'before the calls', 'after the calls'],
    [
      row('service heap after GC (MB)', (s) => s.service.heapAfterGc / MB, 1),
      row('service RSS (MB)', (s) => s.service.rss / MB, 1),
      row('service open handles', (s) => s.service.handles),
      row('service calls in progress', (s) => s.service.activeCalls),
      row('Asterisk channels', (s) => s.asterisk.channels),
    ],
  );
}

/** The soak's markdown report and each metric's trend. */
export function soakReport(result: SoakResult): { markdown: string; trends: MetricTrend[] } {
  const trends = metricTrends(result.minutes);
  const last = result.minutes[result.minutes.length - 1]?.minute ?? 0;
  const { settings } = result;
  const markdown = [
    `## Soak: ${settings.calls} payment calls kept in progress for ${last} minutes${result.endedEarly ? ` (of ${settings.minutes}: ${result.endedEarly})` : ''}`,
    `${describeMachine(result.machine, { Asterisk: result.asterisk.version })}; ramp ${settings.rampSeconds} s.`,
    trendTable(trends),
    `Slopes: least squares over minutes ${WARM_UP_MINUTES + 1}–${last}, per hour; minute 1 (the ramp, and warm-up) is left out. ` +
      'flat: the slope plus two standard errors stays under the allowance (5 % of the mean per hour, or a floor for ' +
      'small figures); growing: the slope less two standard errors is over it; unclear: in between, too short or too noisy a run to tell.',
    callsTable(result),
    ...(result.after ? [atRestTable(result.before, result.after)] : []),
  ].join('\n\n');
  return { markdown, trends };
}
