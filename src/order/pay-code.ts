import { randomInt } from 'node:crypto';

/** A random 6-digit pay code without a leading zero (merchant systems may store it as a number). */
export function newPayCode(): string {
  return String(randomInt(100_000, 1_000_000));
}
