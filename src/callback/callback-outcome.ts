import type { Logger } from 'pino';
import type { AfterAttempt } from './after-attempt';
import { enqueueOrderEvent } from '../notify/enqueue-order-event';
import type { Store } from '../store/store';
import { queueSmsReminder, type ReminderSettings } from './sms-reminder';

export interface AttemptRecord {
  attemptId: string;
  /** The outcome name stored: a DialOutcome, or `paid`. */
  outcome: string;
  cause?: number;
  dialStatus?: string;
  endedAt: Date;
  durationMs: number;
}

export interface CallbackOutcome {
  callbackId: string;
  leaseToken: string;
  orderId: string;
  phone: string;
  attemptsMade: number;
  next: AfterAttempt;
  /** Absent when the row is settled without a call (e.g. a stored phone that no longer parses). */
  attempt?: AttemptRecord;
  lastOutcome: string;
}

export interface RecordedOutcome {
  /** The dialer's lease ran out or an admin cancelled during the call: only the attempt was recorded. */
  leaseLost: boolean;
  orderUnreachable: boolean;
  smsId?: string;
}

/**
 * Records an attempt and what follows, in one transaction that starts with the lease-guarded write: the callback
 * is rescheduled or settled, and on giving up the order becomes `unreachable` (its event queued with it) and
 * the cardholder's SMS reminder is queued per policy. The order stays payable by pay code until it expires.
 */
export async function recordCallbackOutcome(
  store: Store,
  outcome: CallbackOutcome,
  deps: { now: Date; reminders: ReminderSettings; log: Logger },
): Promise<RecordedOutcome> {
  const { next } = outcome;
  const { now } = deps;
  const nowIso = now.toISOString();
  return store.transaction(async (tx) => {
    const kept = await tx.callbacks.recordOutcome(outcome.callbackId, outcome.leaseToken, {
      state: next.state,
      ...(next.state === 'scheduled' ? { next_call_at: next.at.toISOString() } : {}),
      attempts_made: outcome.attemptsMade,
      last_outcome: outcome.lastOutcome,
      updated_at: nowIso,
    });
    if (outcome.attempt) {
      const a = outcome.attempt;
      await tx.callbackAttempts.end(a.attemptId, {
        ended_at: a.endedAt.toISOString(),
        outcome: a.outcome,
        cause: a.cause ?? null,
        dial_status: a.dialStatus ?? null,
        duration_ms: Math.max(0, Math.round(a.durationMs)),
      });
    }
    if (!kept) return { leaseLost: true, orderUnreachable: false };
    if (next.state !== 'unreachable') return { leaseLost: false, orderUnreachable: false };

    const changed = await tx.orders.markUnreachable(outcome.orderId, nowIso);
    if (changed) await enqueueOrderEvent(tx, outcome.orderId, 'order.unreachable', now);
    const smsId = await queueSmsReminder(tx, outcome.orderId, outcome.phone, deps.reminders, now, deps.log);
    return { leaseLost: false, orderUnreachable: changed, ...(smsId ? { smsId } : {}) };
  });
}
