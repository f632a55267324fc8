import { AppError } from '../domain/app-error';
import { earliestWithin, type CallingHours } from './calling-hours';
import { isRetried, type DialOutcome } from './hangup-cause';

/** A merchant's redial schedule: one delay per further attempt, counted from the end of the previous one. */
export interface RetryPolicy {
  readonly delaysMinutes: readonly number[];
}

/** 3 further attempts at +2, +10 and +30 minutes. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = Object.freeze({ delaysMinutes: Object.freeze([2, 10, 30]) });

const MAX_FURTHER_ATTEMPTS = 10;
const MAX_DELAY_MINUTES = 7 * 24 * 60;

/** A validated policy; throws `validation_failed` (it comes from merchant settings). No delays: never redial. */
export function retryPolicy(delaysMinutes: readonly number[]): RetryPolicy {
  const ok =
    delaysMinutes.length <= MAX_FURTHER_ATTEMPTS &&
    delaysMinutes.every((d) => Number.isInteger(d) && d >= 1 && d <= MAX_DELAY_MINUTES);
  if (!ok) {
    const rule = `at most ${MAX_FURTHER_ATTEMPTS} delays, each a whole number of minutes from 1 to ${MAX_DELAY_MINUTES}`;
    throw new AppError('validation_failed', `invalid retry policy: ${rule}`, { retryDelaysMinutes: rule });
  }
  return Object.freeze({ delaysMinutes: Object.freeze([...delaysMinutes]) });
}

export type NextAttempt = { at: Date } | { final: 'unreachable' | 'invalid_number' };

/**
 * What follows an attempt that ended with `outcome`, `attemptsMade` attempts in (the first call counts).
 * A retried outcome gets the policy's next delay from `now`, moved to the next window start if it falls
 * outside calling hours; a number that does not exist ends as `invalid_number`; a rejection or an exhausted
 * policy ends as `unreachable`.
 */
export function nextAttempt(
  policy: RetryPolicy,
  attemptsMade: number,
  outcome: DialOutcome,
  now: Date,
  hours: CallingHours,
): NextAttempt {
  if (!Number.isInteger(attemptsMade) || attemptsMade < 1) {
    throw new RangeError('attemptsMade must be a whole number of at least 1');
  }
  if (outcome === 'invalid_number') return { final: 'invalid_number' };
  if (!isRetried(outcome)) return { final: 'unreachable' };
  const delay = policy.delaysMinutes[attemptsMade - 1];
  if (delay === undefined) return { final: 'unreachable' };
  return { at: earliestWithin(new Date(now.getTime() + delay * 60_000), hours) };
}
