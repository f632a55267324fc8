import type { Knex } from 'knex';
import type { Logger } from 'pino';
import { parsePhoneNumber } from './phone-number';
import { smsReminder } from './sms-template';
import { AppError } from '../domain/app-error';
import { newId } from '../store/new-id';
import type { SmsRow } from '../store/callback-rows';

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
  trx: Knex.Transaction,
  orderId: string,
  phone: string,
  settings: ReminderSettings,
  now: Date,
  log: Logger,
): Promise<string | undefined> {
  const parsed = parsePhoneNumber(phone);
  if (!parsed.ok || parsed.phone.kind !== 'mobile') return undefined;
  const order: { pay_code: string | null; amount: number; merchant_name: string } | undefined = await trx('orders')
    .join('merchants', 'merchants.id', 'orders.merchant_id')
    .where('orders.id', orderId)
    .first('orders.pay_code', 'orders.amount', 'merchants.name as merchant_name');
  if (!order?.pay_code) return undefined;
  const sent = await trx('sms').where({ order_id: orderId }).count({ n: '*' }).first();
  if (Number(sent?.n ?? 0) >= settings.maxPerOrder) return undefined;
  let text: string;
  try {
    text = smsReminder({
      merchantName: order.merchant_name,
      amountFen: Number(order.amount),
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
  const row: Omit<SmsRow, 'locked_until' | 'lease_token' | 'provider_id' | 'last_error' | 'sent_at'> = {
    id: newId('sms'),
    order_id: orderId,
    to: parsed.phone.national,
    text,
    status: 'queued',
    attempts: 0,
    next_attempt_at: now.toISOString(),
    created_at: now.toISOString(),
  };
  await trx('sms').insert(row);
  return row.id;
}
