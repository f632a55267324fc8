import { shanghaiDate } from './shanghai-date';

/** Keyed as printed on the card: MMYY, month first. */
const MMYY = /^(0[1-9]|1[0-2])(\d{2})$/;

/**
 * A card is valid through the last day of its expiry month, so only an earlier month is past.
 * The month is judged in Asia/Shanghai, where the cardholder and the issuer are.
 */
export function checkExpiry(mmyy: string, now: Date): 'ok' | 'format' | 'past' {
  const match = MMYY.exec(mmyy);
  if (!match) return 'format';
  const month = Number(match[1]);
  const year = 2000 + Number(match[2]);
  const today = shanghaiDate(now);
  if (year < today.year || (year === today.year && month < today.month)) return 'past';
  return 'ok';
}

/** The acquirer's `expired` field is YYMM, year first (docs/reference/unionpay-acp.md §8.2). */
export function expiryToYymm(mmyy: string): string {
  if (!MMYY.test(mmyy)) throw new RangeError('expiry must be MMYY');
  return mmyy.slice(2) + mmyy.slice(0, 2);
}
