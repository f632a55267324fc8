import type { Knex } from 'knex';
import type { AcquirerPort } from '../acquirer/acquirer-port';
import type { PaymentInput, PreparedAttempt } from '../call/call-ports';
import { AppError } from '../domain/app-error';
import type { CardFingerprint } from '../crypto/card-fingerprint';
import { maskPan } from '../domain/mask';
import type { AttemptRow } from '../store/rows';
import type { AttemptState } from './payment-attempt-state';
import { findAttempt, moveAttempt, type PaymentAttemptRow } from './payment-attempts';

/** Only the call holding the order may record for it. The UPDATE comes first: SQLite's write lock up front. */
function holdOrder(trx: Knex.Transaction, input: PaymentInput, nowIso: string): Promise<number> {
  return trx('orders').where({ id: input.orderId, status: 'in_call', in_call_id: input.callId }).update({ updated_at: nowIso });
}

/**
 * Writes a payment attempt, before anything about it is sent: its id (`<call's order attempt>-<n>`,
 * n counting the cards tried in the call), the order's amount and the txnTime (now, as the acquirer stamps it) are what
 * the acquirer will know it by, so that a query can find it after a timeout or a crash.
 * The card appears masked, with its bank and kind; nothing else of it.
 */
export async function recordAttempt(
  db: Knex,
  input: PaymentInput,
  state: AttemptState,
  at: Date,
  fingerprint: CardFingerprint,
  acquirer: Pick<AcquirerPort, 'txnTimeOf'>,
): Promise<PaymentAttemptRow> {
  const nowIso = at.toISOString();
  const row = await db.transaction(async (trx) => {
    if ((await holdOrder(trx, input, nowIso)) === 0) return undefined;
    const open = trx('order_attempts').where({ order_id: input.orderId, call_id: input.callId }).whereNull('ended_at');
    const card = { card_masked: maskPan(input.card.pan), card_bank: input.bankCode, card_kind: input.card.kind };
    await open
      .clone()
      .update({ ...card, payment_count: trx.raw('payment_count + 1'), decline_reason: null, response_code: null });
    const call: AttemptRow | undefined = await open.clone().orderBy('started_at', 'desc').first();
    if (!call) return undefined;
    const order: { amount: number; currency: 'CNY' } = await trx('orders')
      .where({ id: input.orderId })
      .first('amount', 'currency');
    const attempt: PaymentAttemptRow = {
      id: `${call.id}-${call.payment_count}`,
      order_id: input.orderId,
      order_attempt_id: call.id,
      call_id: input.callId,
      amount: Number(order.amount),
      currency: order.currency,
      txn_time: acquirer.txnTimeOf(at),
      ...card,
      card_fingerprint: fingerprint(input.card.pan),
      state,
      response_code: null,
      decline_reason: null,
      acquirer_ref: null,
      created_at: nowIso,
      updated_at: nowIso,
      resolved_at: null,
    };
    await trx('payment_attempts').insert(attempt);
    return attempt;
  });
  if (!row) throw new AppError('order_not_payable', 'the order is not held by this call');
  return row;
}

/** A prepared attempt (its SMS code sent) moves to sending, if it is this call's and the call still holds the order. */
export async function startPrepared(
  db: Knex,
  input: PaymentInput,
  prepared: PreparedAttempt,
  at: Date,
): Promise<PaymentAttemptRow> {
  const moved = await db.transaction(async (trx) => {
    const held = await holdOrder(trx, input, at.toISOString());
    const ours = await trx('payment_attempts')
      .where({ id: prepared.attemptId, order_id: input.orderId, call_id: input.callId })
      .first('id');
    return held > 0 && ours !== undefined && (await moveAttempt(trx, prepared.attemptId, 'sending', at));
  });
  const row = moved ? await findAttempt(db, prepared.attemptId) : undefined;
  if (!row) throw new AppError('order_not_payable', 'the prepared attempt is not this call’s to pay');
  return row;
}
