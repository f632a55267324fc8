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
  const queued = await insertReminderSms(
    tx,
    {
      orderId,
      to: parsed.phone.national,
      merchantName: order.merchant_name,
      amountFen: order.amount,
      payCode: order.pay_code,
      dueAt: now,
    },
    settings,
    now,
  );
  if ('refused' in queued) {
    log.warn({ orderId, code: queued.refused.code, reason: queued.refused.message }, 'SMS reminder not queued');
    return undefined;
  }
  return queued.smsId;
}

/** One reminder to queue: who gets it, what it says, when it is due. */
export interface ReminderSms {
  orderId: string;
  /** National mobile number. */
  to: string;
  merchantName: string;
  amountFen: number;
  payCode: string;
  dueAt: Date;
}

/**
 * The reminder's text (sms-template.ts) queued as an SMS row, for both the callback's reminder and the abandoned
 * call's. A refused text (e.g. a merchant name holding a long digit run) queues nothing and is returned, not
 * thrown: it must not undo the give-up or release it belongs to.
 */
export async function insertReminderSms(
  tx: Pick<Repositories, 'sms'>,
  sms: ReminderSms,
  settings: ReminderSettings,
  now: Date,
): Promise<{ smsId: string } | { refused: AppError }> {
  let text: string;
  try {
    text = smsReminder({
      merchantName: sms.merchantName,
      amountFen: sms.amountFen,
      payCode: sms.payCode,
      inboundNumber: settings.inboundNumber,
      signature: settings.signature,
    }).text;
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    return { refused: err };
  }
  const smsId = newId('sms');
  await tx.sms.insert({
    id: smsId,
    order_id: sms.orderId,
    to: sms.to,
    text,
    status: 'queued',
    attempts: 0,
    next_attempt_at: sms.dueAt.toISOString(),
    created_at: now.toISOString(),
  });
  return { smsId };
}
