import { ratio, ratioTable, withRatios, type Compared, type ComparedWithRatio } from '../lib/ratio-table';
import { ENDPOINT, type ApiResult } from './api-report';

type Run = ApiResult['runs'][number];
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

const MEASURES: { name: string; of: (run: Run) => number; better: Compared['better']; digits: number }[] = [
  { name: 'req/s', of: (r) => r.requestsPerSecond, better: 'higher', digits: 0 },
  { name: 'p50 ms', of: (r) => r.latencyMs.p50, better: 'lower', digits: 1 },
  { name: 'p99 ms', of: (r) => r.latencyMs.p99, better: 'lower', digits: 1 },
];

/**
 * `--against`: this tree's API (synchronous=full) beside the other tree's, per endpoint: the mean of
 * the rounds, current/previous, and that ratio round by round (their spread is the noise).
 */
export function apiAgainst(
  result: ApiResult,
  names: { current: string; previous: string },
): { markdown: string; comparison: ComparedWithRatio[] } {
  const rows: Compared[] = [];
  for (const endpoint of ['post', 'get'] as const) {
    const of = (server: Run['server']) => result.runs.filter((r) => r.endpoint === endpoint && r.server === server);
    const current = of('api');
    const previous = of('previous');
    if (current.length === 0 || previous.length === 0) continue;
    for (const m of MEASURES) {
      const perRound = current.flatMap((run) => {
        const other = previous.find((p) => p.round === run.round);
        return other ? [ratio(m.of(run), m.of(other))] : [];
      });
      rows.push({
        measure: `${ENDPOINT[endpoint]} ${m.name}`,
        current: mean(current.map(m.of)),
        previous: mean(previous.map(m.of)),
        better: m.better,
        perRound,
        digits: m.digits,
      });
    }
  }
  const s = result.settings;
  const markdown = [
    `#### ${names.current} vs ${names.previous}: ${s.connections} connections, synchronous=full, mean of ${s.rounds} round(s)`,
    '',
    ratioTable(rows, names),
  ].join('\n');
  return { markdown, comparison: withRatios(rows) };
}
