import { luhnValid } from './luhn';
import { isUnionPayRange } from './unionpay-range';

export type CardNumberCheck = { ok: true; luhnValid: boolean } | { ok: false; problem: 'not_digits' | 'length' | 'prefix' };

/**
 * A keyed UnionPay card number: digits only, 16–19 long, in a UnionPay range. Some genuine
 * UnionPay cards fail Luhn, so a Luhn failure is reported for a warning, never a rejection.
 */
export function checkCardNumber(pan: string): CardNumberCheck {
  if (!/^\d+$/.test(pan)) return { ok: false, problem: 'not_digits' };
  if (pan.length < 16 || pan.length > 19) return { ok: false, problem: 'length' };
  if (!isUnionPayRange(pan)) return { ok: false, problem: 'prefix' };
  return { ok: true, luhnValid: luhnValid(pan) };
}
