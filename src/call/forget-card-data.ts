import type { HolderData } from './holder-data';
import type { KeyedCard } from './collect-card';

/**
 * Blanks keyed card and holder data once it is no longer needed (paid, declined or re-entered), so no
 * reference to it outlives its use. Strings cannot be wiped in JavaScript; dropping them is what we can do.
 */
export function forgetCardData(keyed: KeyedCard, holder: HolderData): void {
  keyed.data.pan = '';
  delete keyed.data.expiryMmyy;
  delete keyed.data.cvn2;
  delete keyed.data.pin;
  delete holder.idNumber;
  delete holder.mobile;
  delete holder.smsCode;
}
