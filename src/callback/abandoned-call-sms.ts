import type { Logger } from 'pino';
import { earliestWithin } from './calling-hours';
import { policyOfRow } from './callback-policy';
import { callerMobile, type CallerIdProblem } from './caller-mobile';
import { insertReminderSms, type ReminderSettings } from './sms-reminder';
import { PAYABLE_STATUSES } from '../domain/order-status';
import type { Repositories } from '../store/store';

export interface AbandonedCallSmsSettings extends ReminderSettings {
  /** How long after the hang-up the SMS is due (SMS_ABANDONED_CALL_DELAY_MS): a caller who calls straight back and pays gets none. */
  abandonedCallDelayMs: number;
}

/** An inbound call that ended with its order unpaid (the caller hung up or ran out of tries). */
export interface AbandonedCall {
  orderId: string;
  callId: string;
  /** The caller ID as the channel gave it; may be empty, 'anonymous', a landline. */
  callerNumber: string;
}

/** Why no SMS was queued: stable codes, in the log line. */
export type NoSmsReason =
  | CallerIdProblem
  | 'merchant_opted_out'
  | 'order_paid'
  | 'order_not_payable'
  | 'sms_limit_reached'
  | 'order_expires_first'
  | 'sms_text_refused';

export type AbandonedCallSms = { queued: true; smsId: string; dueAt: Date } | { queued: false; reason: NoSmsReason };

/**
 * Queues the reminder of sms-template.ts (merchant, amount, pay code, inbound number; never card data) for an inbound
 * caller who left the order unpaid, when the merchant opted in (`merchant set-abandoned-call-sms`) and the caller ID
 * is a mainland mobile. It is due `abandonedCallDelayMs` after the call, or when the merchant's calling hours next open, and the
 * sender checks the order again then (src/services/sms-service.ts): an order paid by then gets nothing. Call it in
 * the transaction that releases the order, after its write, so the per-order cap (SMS_MAX_PER_ORDER, shared with
 * the callback reminder) holds. Each outcome is logged at info, the caller's number masked.
 */
export async function queueAbandonedCallSms(
  tx: Pick<Repositories, 'orders' | 'merchants' | 'sms'>,
  call: AbandonedCall,
  settings: AbandonedCallSmsSettings,
  now: Date,
  log: Logger,
): Promise<AbandonedCallSms> {
  const caller = callerMobile(call.callerNumber);
  const fields = { orderId: call.orderId, callId: call.callId, ...(caller.masked ? { caller: caller.masked } : {}) };
  const none = (reason: NoSmsReason): AbandonedCallSms => {
    log.info({ ...fields, reason }, 'no SMS to the caller who left the order unpaid');
    return { queued: false, reason };
  };

  const order = await tx.orders.find(call.orderId);
  if (!order) return none('order_not_payable');
  const merchant = await tx.merchants.find(order.merchant_id);
  if (!merchant?.abandoned_call_sms) return none('merchant_opted_out');
  if (!caller.ok) return none(caller.reason);
  if (order.status === 'paid') return none('order_paid');
  if (!PAYABLE_STATUSES.includes(order.status) || !order.pay_code) return none('order_not_payable');
  if ((await tx.sms.countForOrder(order.id)) >= settings.maxPerOrder) return none('sms_limit_reached');
  const dueAt = earliestWithin(new Date(now.getTime() + settings.abandonedCallDelayMs), policyOfRow(merchant).hours);
  if (dueAt.getTime() >= Date.parse(order.expires_at)) return none('order_expires_first');

  const queued = await insertReminderSms(
    tx,
    {
      orderId: order.id,
      to: caller.mobile,
      merchantName: merchant.name,
      amountFen: Number(order.amount),
      payCode: order.pay_code,
      dueAt,
    },
    settings,
    now,
  );
  if ('refused' in queued) return none('sms_text_refused');
  const { smsId } = queued;
  log.info({ ...fields, smsId, dueAt: dueAt.toISOString() }, 'SMS queued to the caller who left the order unpaid');
  return { queued: true, smsId, dueAt };
}
