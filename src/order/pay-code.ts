import { randomInt } from 'node:crypto';

/**
 * A random 6-digit pay code beginning with 1 to 8: never 0 (merchant systems may store it as a number), never 9
 * (the key of the language offer before the pay code is asked: a caller keying the code over it loses no digit).
 */
export function newPayCode(): string {
  return String(randomInt(100_000, 900_000));
}
