import { fixed, markdownTable } from '../lib/markdown-table';
import { ratio } from '../lib/ratio-table';

/** What each claimer's claims returned, row ids, against the due rows there were. */
export interface RaceTally {
  /** Rows all claims returned, repeats included. */
  claimed: number;
  distinct: number;
  /** Rows that more than one claim returned: the figure that must be 0. */
  claimedTwice: number;
  /** Due rows no claim returned. */
  unclaimed: number;
}

export function tallyClaims(idsPerClaimer: string[][], due: number): RaceTally {
  const seen = new Map<string, number>();
  for (const ids of idsPerClaimer) for (const id of ids) seen.set(id, (seen.get(id) ?? 0) + 1);
  const claimed = idsPerClaimer.reduce((n, ids) => n + ids.length, 0);
  const claimedTwice = [...seen.values()].filter((n) => n > 1).length;
  return { claimed, distinct: seen.size, claimedTwice, unclaimed: Math.max(0, due - seen.size) };
}

/** One run: `claimers` processes claiming (CLAIM_LIMIT a claim) until none is due, started together. */
export interface RaceRun extends RaceTally {
  round: number;
  claimers: number;
  /** Claims that took rows, of all claimers. */
  claims: number;
  claimsPerClaimer: number[];
  wallMs: number;
  /** Rows `dialing` in the store afterwards: every due row, once. */
  dialingInStore: number;
  /** % of one core during the run. */
  cpu: { claimers: number; postgres: number };
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
export const perSecond = (count: number, ms: number) => (ms > 0 ? (count * 1000) / ms : NaN);

export interface RaceSummary {
  claimsPerSecond: Record<string, number>;
  /** Claims/s of two claimers over one's (mean of the rounds). */
  twoOverOne: number;
  claimedTwice: number;
  unclaimed: number;
}

export function raceReport(runs: RaceRun[]): { markdown: string; summary: RaceSummary } {
  const rate = (claimers: number) => mean(runs.filter((r) => r.claimers === claimers).map((r) => perSecond(r.claims, r.wallMs)));
  const summary: RaceSummary = {
    claimsPerSecond: { '1': rate(1), '2': rate(2) },
    twoOverOne: ratio(rate(2), rate(1)),
    claimedTwice: runs.reduce((n, r) => n + r.claimedTwice, 0),
    unclaimed: runs.reduce((n, r) => n + r.unclaimed, 0),
  };
  const table = markdownTable(
    [
      'round',
      'claimers',
      'claims',
      'claims each',
      'seconds',
      'claims/s',
      'rows/s',
      'claimed twice',
      'unclaimed',
      'dialing in store',
      'CPU % claimers / PostgreSQL',
    ],
    runs.map((r) => [
      r.round,
      r.claimers,
      r.claims,
      r.claimsPerClaimer.join(' + '),
      fixed(r.wallMs / 1000, 2),
      Math.round(perSecond(r.claims, r.wallMs)),
      Math.round(perSecond(r.distinct, r.wallMs)),
      r.claimedTwice,
      r.unclaimed,
      r.dialingInStore,
      `${Math.round(r.cpu.claimers)} / ${Math.round(r.cpu.postgres)}`,
    ]),
  );
  const markdown = [
    table,
    '',
    `claims/s: one claimer ${Math.round(rate(1))}, two ${Math.round(rate(2))} (two/one ${fixed(summary.twoOverOne, 2)}); rows claimed twice: ${summary.claimedTwice}; due rows left unclaimed: ${summary.unclaimed}`,
  ].join('\n');
  return { markdown, summary };
}
