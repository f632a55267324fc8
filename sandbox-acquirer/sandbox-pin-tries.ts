import { createHash } from 'node:crypto';
import { shanghaiDate } from '../src/domain/shanghai-date';

const MAX_WRONG_PINS = 3;

/**
 * Wrong PINs in a row per card and day (Asia/Shanghai), as an issuer counts them. Cards are kept
 * by a hash of the number, so no card number stays in memory after the request.
 */
export function createPinTries() {
  const wrong = new Map<string, number>();
  let today = '';

  function keyFor(pan: string, now: Date): string {
    const { year, month, day } = shanghaiDate(now);
    const date = `${year}-${month}-${day}`;
    // Yesterday's counts are over: a card locked yesterday is usable again.
    if (date !== today) {
      wrong.clear();
      today = date;
    }
    return createHash('sha256').update(pan).digest('hex');
  }

  return {
    locked(pan: string, now: Date): boolean {
      return (wrong.get(keyFor(pan, now)) ?? 0) >= MAX_WRONG_PINS;
    },
    /** Counts a wrong PIN; true when it was the one that locks the card. */
    recordWrong(pan: string, now: Date): boolean {
      const key = keyFor(pan, now);
      const count = (wrong.get(key) ?? 0) + 1;
      wrong.set(key, count);
      return count >= MAX_WRONG_PINS;
    },
    recordRight(pan: string, now: Date): void {
      wrong.delete(keyFor(pan, now));
    },
  };
}
