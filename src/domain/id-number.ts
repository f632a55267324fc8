import { shanghaiDate } from './shanghai-date';

export type IdNumberCheck = { ok: true; value: string } | { ok: false; problem: 'format' | 'date' | 'check_digit' };

/** GB 11643-1999 weights for positions 1–17 and the character for each weighted sum mod 11. */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';
const OLDEST_BIRTH_YEAR = 1900;

/** The check character GB 11643 gives for the first 17 digits. */
export function idCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < WEIGHTS.length; i++) sum += Number(first17[i]) * WEIGHTS[i];
  return CHECK_CHARS[sum % 11];
}

/**
 * An 18-character resident ID keyed on a phone keypad. Keypads have no X, so `*` stands for it,
 * and only as the final (check) character, the one place an X can be.
 */
export function checkIdNumber(keyed: string, now: Date): IdNumberCheck {
  if (!/^\d{17}[\dXx*]$/.test(keyed)) return { ok: false, problem: 'format' };
  const value = keyed.slice(0, 17) + keyed[17].replace('*', 'X').toUpperCase();
  if (!plausibleBirthDate(value.slice(6, 14), now)) return { ok: false, problem: 'date' };
  if (idCheckChar(value) !== value[17]) return { ok: false, problem: 'check_digit' };
  return { ok: true, value };
}

function plausibleBirthDate(yyyymmdd: string, now: Date): boolean {
  const year = Number(yyyymmdd.slice(0, 4));
  const month = Number(yyyymmdd.slice(4, 6));
  const day = Number(yyyymmdd.slice(6, 8));
  const date = new Date(Date.UTC(year, month - 1, day));
  const real = date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  if (!real || year < OLDEST_BIRTH_YEAR) return false;
  const today = shanghaiDate(now);
  return date.getTime() <= Date.UTC(today.year, today.month - 1, today.day);
}
