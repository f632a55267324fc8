import type { Logger } from 'pino';
import { recordCallbackOutcome } from './callback-outcome';
import { policyOfRow, type CallbackPolicy } from './callback-policy';
import { expireOrders } from '../services/order-expiry';
import { PAYABLE_STATUSES } from '../domain/order-status';
import type { ReminderSettings } from './sms-reminder';
import type { CallbackRow } from '../store/callback-rows';
import type { ClaimRelease } from '../store/repositories/callback-repository';
import type { Store } from '../store/store';
import { isWithin, nextWindowStart } from './calling-hours';
import { dialString, type DialRules } from './dial-string';
import { parsePhoneNumber } from './phone-number';

/** A claimed callback that is to be dialled now, with what the call and its outcome need. */
export interface DialPlan {
  kind: 'dial';
  dial: string;
  policy: CallbackPolicy;
}

export type Preparation = DialPlan | { kind: 'deferred' } | { kind: 'settled' };

export interface PrepareDeps {
  store: Store;
  log: Logger;
  now: () => Date;
  dialRules: DialRules;
  reminders: ReminderSettings;
  /** How long to wait when the order is in another call (the cardholder rang in meanwhile). */
  orderInCallDelayMs: number;
}

/**
 * Checks a claimed callback before dialling: only an order still payable is called, and only within the
 * merchant's calling hours (outside them the row moves to the next window's start). Rows not dialled are released.
 */
export async function prepareDial(row: CallbackRow, leaseToken: string, deps: PrepareDeps): Promise<Preparation> {
  const { store, log } = deps;
  const now = deps.now();
  const release = (change: ClaimRelease) => store.callbacks.releaseClaim(row.id, leaseToken, change, now);
  if ((await expireOrders(store, now, { id: row.order_id })) > 0) log.info({ orderId: row.order_id }, 'callback order expired');
  const order = await store.orders.findForDial(row.order_id);
  if (order?.status === 'paid') {
    await release({ state: 'done', outcome: 'paid' });
    return { kind: 'settled' };
  }
  if (order?.status === 'in_call') {
    await release({ state: 'scheduled', at: new Date(now.getTime() + deps.orderInCallDelayMs) });
    return { kind: 'deferred' };
  }
  if (!order || !PAYABLE_STATUSES.includes(order.status)) {
    await release({ state: 'cancelled', outcome: `order_${order?.status ?? 'missing'}` });
    log.info({ orderId: row.order_id, status: order?.status }, 'callback cancelled: the order can no longer be paid');
    return { kind: 'settled' };
  }
  const policy = policyOfRow(order);
  if (!isWithin(now, policy.hours)) {
    await release({ state: 'scheduled', at: nextWindowStart(now, policy.hours) });
    return { kind: 'deferred' };
  }
  const phone = parsePhoneNumber(row.phone);
  if (!phone.ok) {
    // Validated at order creation; a row that no longer parses (rules changed) is given up, never guessed at.
    const next = { state: 'unreachable', reason: 'invalid_number' } as const;
    await recordCallbackOutcome(
      store,
      {
        callbackId: row.id,
        leaseToken,
        orderId: row.order_id,
        phone: row.phone,
        attemptsMade: row.attempts_made,
        next,
        lastOutcome: 'invalid_number',
      },
      { now, reminders: deps.reminders, log },
    );
    return { kind: 'settled' };
  }
  const dial = dialString(phone.phone, deps.dialRules);
  if (dial.segmentUnknown) log.warn({ orderId: row.order_id }, 'mobile segment not in the table: dialled without the leading 0');
  return { kind: 'dial', dial: dial.digits, policy };
}
