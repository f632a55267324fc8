import type { CallingHours } from './calling-hours';
import type { DialOutcome } from './hangup-cause';
import { nextAttempt, type RetryPolicy } from './retry-policy';

/** What follows a dialled attempt for the callback. */
export type AfterAttempt =
  | { state: 'done' }
  | { state: 'cancelled' }
  | { state: 'scheduled'; at: Date }
  | { state: 'unreachable'; reason: 'unreachable' | 'invalid_number' | 'expires_first' };

export interface AttemptFacts {
  /** How the call ended; `paid` when the order was paid in it (read from the store after the call). */
  outcome: DialOutcome | 'paid';
  /** Including this one. */
  attemptsMade: number;
  /** The order's status after the call. */
  orderStatus: string;
  orderPayable: boolean;
  expiresAt: Date;
  now: Date;
  policy: { retry: RetryPolicy; hours: CallingHours };
}

/**
 * Paid → done; an order that can no longer be paid (expired, cancelled) → cancelled; otherwise the merchant's
 * retry policy decides, within calling hours, and a next call the order would not live to see gives up now.
 */
export function afterAttempt(facts: AttemptFacts): AfterAttempt {
  if (facts.outcome === 'paid' || facts.orderStatus === 'paid') return { state: 'done' };
  // An order held by another call (in_call) is not payable this instant but may be again: keep redialling.
  if (!facts.orderPayable && facts.orderStatus !== 'in_call') return { state: 'cancelled' };
  const next = nextAttempt(facts.policy.retry, facts.attemptsMade, facts.outcome, facts.now, facts.policy.hours);
  if ('final' in next) return { state: 'unreachable', reason: next.final };
  if (next.at.getTime() >= facts.expiresAt.getTime()) return { state: 'unreachable', reason: 'expires_first' };
  return { state: 'scheduled', at: next.at };
}
