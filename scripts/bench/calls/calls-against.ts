import { summarize } from '../lib/percentiles';
import { ratio, ratioTable, withRatios, type Compared, type ComparedWithRatio } from '../lib/ratio-table';
import type { CallsResult } from './calls-report';
import type { PhaseFigures } from './phase-figures';

/** One tree's app phases and every key→prompt interval they timed. */
export interface TreeCalls {
  runs: CallsResult['runs'];
  latencySamples: number[];
}

const MB = 2 ** 20;
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const appPhases = (runs: CallsResult['runs']) => runs.flatMap((r) => r.phases.filter((p) => p.mode === 'app'));
const percent = (part: number, whole: number) => (whole > 0 ? (part / whole) * 100 : NaN);

type Measure = {
  measure: string;
  better: Compared['better'];
  digits: number;
  /** Over all runs, and for one run's phase (for the per-run ratios). */
  all(tree: TreeCalls, phases: PhaseFigures[]): number;
  run(phase: PhaseFigures, settled: CallsResult['runs'][number]['settledAfter']): number;
};

const sum = (phases: PhaseFigures[], of: (p: PhaseFigures) => number) => phases.reduce((n, p) => n + of(p), 0);
const latency = (q: 'p50' | 'p95' | 'p99'): Measure => ({
  measure: `key→next prompt ${q}, ms`,
  better: 'lower',
  digits: 0,
  all: (tree) => summarize(tree.latencySamples)[q],
  run: (p) => p.latencyMs[q],
});

const MEASURES: Measure[] = [
  {
    measure: 'calls completed, %',
    better: 'higher',
    digits: 1,
    all: (_, ps) =>
      percent(
        sum(ps, (p) => p.completed),
        sum(ps, (p) => p.calls),
      ),
    run: (p) => percent(p.completed, p.calls),
  },
  {
    measure: 'orders paid, %',
    better: 'higher',
    digits: 1,
    all: (_, ps) =>
      percent(
        sum(ps, (p) => p.paid ?? 0),
        sum(ps, (p) => p.calls),
      ),
    run: (p) => percent(p.paid ?? 0, p.calls),
  },
  latency('p50'),
  latency('p95'),
  latency('p99'),
  {
    measure: 'app CPU, % of a core per 100 calls',
    better: 'lower',
    digits: 2,
    all: (_, ps) => mean(ps.map((p) => p.cpu.servicePer100Calls)),
    run: (p) => p.cpu.servicePer100Calls,
  },
  {
    measure: 'app RSS during the calls, MB',
    better: 'lower',
    digits: 1,
    all: (_, ps) => mean(ps.map((p) => p.memoryMb.serviceRss)),
    run: (p) => p.memoryMb.serviceRss,
  },
  {
    measure: 'app RSS after the phase and GC, MB',
    better: 'lower',
    digits: 1,
    all: (tree) => mean(tree.runs.map((r) => r.settledAfter.rss / MB)),
    run: (_, settled) => settled.rss / MB,
  },
];

/** `--against`: the app phases of both trees, over all runs, current/previous, and that ratio run by run. */
export function callsAgainst(
  current: TreeCalls,
  previous: TreeCalls,
  names: { current: string; previous: string },
): { markdown: string; comparison: ComparedWithRatio[] } {
  const phases = { current: appPhases(current.runs), previous: appPhases(previous.runs) };
  const rows: Compared[] = MEASURES.map((m) => ({
    measure: m.measure,
    better: m.better,
    digits: m.digits,
    current: m.all(current, phases.current),
    previous: m.all(previous, phases.previous),
    perRound: current.runs.flatMap((run) => {
      const other = previous.runs.find((r) => r.run === run.run);
      const mine = appPhases([run])[0];
      const theirs = other && appPhases([other])[0];
      return mine && other && theirs ? [ratio(m.run(mine, run.settledAfter), m.run(theirs, other.settledAfter))] : [];
    }),
  }));
  const markdown = [
    `#### ${names.current} vs ${names.previous}: the app path, ${current.runs.length} run(s) each, a fresh service per phase`,
    '',
    ratioTable(rows, names, 'run'),
  ].join('\n');
  return { markdown, comparison: withRatios(rows) };
}
