import type { Logger } from 'pino';
import { recordCallbackOutcome } from './callback-outcome';
import { PAYABLE_STATUSES, type OrderStatus } from '../domain/order-status';
import type { Store } from '../store/store';
import type { ReminderSettings } from './sms-reminder';
import type { CallbackRow } from '../store/callback-rows';
import { afterAttempt } from './after-attempt';
import { classifyChannelEnd } from './hangup-cause';
import type { OriginateResult } from './originator-port';
import type { DialPlan } from './prepare-dial';

export interface EndedDial {
  row: CallbackRow;
  leaseToken: string;
  plan: DialPlan;
  attemptId: string;
  startedAt: Date;
  /** Undefined when the originator failed before it could report (counted as `failed`). */
  result?: OriginateResult;
}

/**
 * After a call: whether it paid is read from the store (the call script pays the order itself); otherwise the
 * channel's end is classified (answered without payment is `answered_unpaid`), and the attempt is recorded with
 * what follows: a redial, done, or giving up (order `unreachable`, SMS reminder).
 */
export async function finishDial(
  deps: { store: Store; log: Logger; now: Date; reminders: ReminderSettings },
  ended: EndedDial,
): Promise<void> {
  const { store, log, now } = deps;
  const { row, result } = ended;
  // The dialer holds the callback of this order, which is never deleted.
  const order = (await store.orders.status(row.order_id)) as { status: OrderStatus; expires_at: string };
  const outcome = order.status === 'paid' ? 'paid' : result ? classifyChannelEnd(result) : 'failed';
  const attemptsMade = row.attempts_made + 1;
  const next = afterAttempt({
    outcome,
    attemptsMade,
    orderStatus: order.status,
    orderPayable: PAYABLE_STATUSES.includes(order.status) && order.expires_at > now.toISOString(),
    expiresAt: new Date(order.expires_at),
    now,
    policy: ended.plan.policy,
  });
  const endedAt = result?.endedAt ?? now;
  const recorded = await recordCallbackOutcome(
    store,
    {
      callbackId: row.id,
      leaseToken: ended.leaseToken,
      orderId: row.order_id,
      phone: row.phone,
      attemptsMade,
      next,
      lastOutcome: outcome,
      attempt: {
        attemptId: ended.attemptId,
        outcome,
        cause: result?.cause,
        dialStatus: result?.dialStatus,
        endedAt,
        durationMs: endedAt.getTime() - (result?.startedAt ?? ended.startedAt).getTime(),
      },
    },
    { now, reminders: deps.reminders, log },
  );
  log.info(
    { orderId: row.order_id, attempt: attemptsMade, outcome, cause: result?.cause, next: next.state, ...recorded },
    'callback attempt ended',
  );
}
