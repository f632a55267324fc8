import type { Logger } from 'pino';
import { parsePhoneNumber } from './phone-number';
import { smsReminder } from './sms-template';
import { AppError } from '../domain/app-error';
import { newId } from '../store/new-id';
import type { Repositories } from '../store/store';

export interface ReminderSettings {
  /** SMS per order at most; 0 turns reminders off. */
  maxPerOrder: number;
  /** The number the cardholder is told to call. */
  inboundNumber: string;
  signature: string;
}

/**
 * Queues the SMS reminder (merchant, amount, pay code, inbound number; never card data) to a cardholder who did
 * not finish paying. Call it in the transaction that gives up on the order, after a write, so two dialers cannot
 * both pass the per-order cap. Nothing is queued for a landline, an order without a live pay code, or past the cap.
 */
export async function queueSmsReminder(
  tx: Pick<Repositories, 'orders' | 'sms'>,
  orderId: string,
  phone: string,
  settings: ReminderSettings,
  now: Date,
  log: Logger,
): Promise<string | undefined> {
  const parsed = parsePhoneNumber(phone);
  if (!parsed.ok || parsed.phone.kind !== 'mobile') return undefined;
  const order = await tx.orders.findForReminder(orderId);
  if (!order?.pay_code) return undefined;
  if ((await tx.sms.countForOrder(orderId)) >= settings.maxPerOrder) return undefined;
  let text: string;
  try {
    text = smsReminder({
      merchantName: order.merchant_name,
      amountFen: order.amount,
      payCode: order.pay_code,
      inboundNumber: settings.inboundNumber,
      signature: settings.signature,
    }).text;
  } catch (err) {
    // A refused text (e.g. a merchant name holding a long digit run) must not undo the give-up it belongs to.
    if (!(err instanceof AppError)) throw err;
    log.warn({ orderId, code: err.code, reason: err.message }, 'SMS reminder not queued');
    return undefined;
  }
  const id = newId('sms');
  await tx.sms.insert({
    id,
    order_id: orderId,
    to: parsed.phone.national,
    text,
    status: 'queued',
    attempts: 0,
    next_attempt_at: now.toISOString(),
    created_at: now.toISOString(),
  });
  return id;
}
