import { fixed, markdownTable } from './markdown-table';

/** One figure of both trees of an `--against` run. */
export interface Compared {
  measure: string;
  current: number;
  previous: number;
  /** Which way is better (throughput higher; latency, CPU, memory lower), so a regression reads as one. */
  better: 'higher' | 'lower';
  /** current/previous of each round (or run) alone: their spread is the run's noise. */
  perRound?: number[];
  /** Decimals for the figures. */
  digits?: number;
}

export type ComparedWithRatio = Compared & { ratio: number };

/** current/previous; two zeros compare equal, anything over a zero has no ratio (NaN). */
export function ratio(current: number, previous: number): number {
  if (previous === 0) return current === 0 ? 1 : NaN;
  return current / previous;
}

export function withRatios(rows: Compared[]): ComparedWithRatio[] {
  return rows.map((row) => ({ ...row, ratio: ratio(row.current, row.previous) }));
}

/** "3 % better", "12 % worse", "same" (under half a percent), from the ratio and which way is better. */
export function verdict(row: ComparedWithRatio): string {
  if (!Number.isFinite(row.ratio)) return '–';
  const change = row.ratio - 1;
  if (Math.abs(change) < 0.005) return 'same';
  const better = row.better === 'higher' ? change > 0 : change < 0;
  return `${Math.round(Math.abs(change) * 100)} % ${better ? 'better' : 'worse'}`;
}

const shown = (ratio: number) => (Number.isFinite(ratio) ? ratio.toFixed(2) : '–');

/** The figures of both trees and current/previous for each, as a markdown table. */
export function ratioTable(rows: Compared[], names: { current: string; previous: string }, round = 'round'): string {
  const hasRounds = rows.some((row) => row.perRound && row.perRound.length > 1);
  return markdownTable(
    [
      'measure',
      names.current,
      names.previous,
      'current/previous',
      'current vs previous',
      ...(hasRounds ? [`ratio per ${round}`] : []),
    ],
    withRatios(rows).map((row) => [
      row.measure,
      fixed(row.current, row.digits ?? 1),
      fixed(row.previous, row.digits ?? 1),
      shown(row.ratio),
      verdict(row),
      ...(hasRounds ? [(row.perRound ?? []).map(shown).join(', ')] : []),
    ]),
  );
}
