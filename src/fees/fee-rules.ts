/**
 * The fee arithmetic, pure and in integer fen. THE rounding rule (README "Money after the charge"): each
 * transaction's fee is computed alone as amount × rate / 10 000, rounded half up to a whole fen, THEN clamped to the
 * card kind's [minimum, maximum]. Fees are never summed before rounding, so a statement's fee lines add up to its
 * total exactly. Line time is billed per started minute of answered time; a leg that never answered bills nothing.
 */

export interface RateRule {
  rateBps: number;
  minFee: number;
  maxFee: number;
}

/** Half up on a non-negative integer division: floor((n + d/2) / d), exact in integers. */
function divideHalfUp(numerator: number, denominator: number): number {
  return Math.floor((2 * numerator + denominator) / (2 * denominator));
}

/** The per-transaction fee of a payment of `amount` fen. */
export function transactionFee(amount: number, rule: RateRule): number {
  const raw = divideHalfUp(amount * rule.rateBps, 10_000);
  return Math.min(rule.maxFee, Math.max(rule.minFee, raw));
}

const MINUTE_MS = 60_000;

/** Started minutes of answered time: 0 for a leg never answered (or answered as it ended), else rounded up. */
export function billableMinutes(answeredAt: string | null, endedAt: string): number {
  if (!answeredAt) return 0;
  const ms = Date.parse(endedAt) - Date.parse(answeredAt);
  return ms > 0 ? Math.ceil(ms / MINUTE_MS) : 0;
}

/**
 * The annual-fee periods due by `businessDate` (YYYY-MM-DD) for a plan starting on `startsOn`: period 0 is due on
 * the start date, period n on its n-th anniversary (29 February's falls on 1 March in other years).
 */
export function annualPeriodsDue(startsOn: string, businessDate: string): number[] {
  const [y, m, d] = startsOn.split('-').map(Number);
  const due: number[] = [];
  for (let n = 0; ; n++) {
    const day = new Date(Date.UTC(y + n, m - 1, d)).toISOString().slice(0, 10);
    if (day > businessDate) return due;
    due.push(n);
  }
}
