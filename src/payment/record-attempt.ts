import type { AcquirerPort } from '../acquirer/acquirer-port';
import type { PaymentInput, PreparedAttempt } from '../call/call-ports';
import { AppError } from '../domain/app-error';
import type { CardFingerprint } from '../crypto/card-fingerprint';
import { maskPan } from '../domain/mask';
import type { AttemptState } from '../domain/payment-attempt-state';
import type { PaymentAttemptRow } from '../store/payment-rows';
import type { Repositories, Store } from '../store/store';
import { moveAttempt } from './payment-attempts';

/** Only the call holding the order may record for it. The UPDATE comes first: SQLite's write lock up front. */
function holdOrder(tx: Repositories, input: PaymentInput, nowIso: string): Promise<boolean> {
  return tx.orders.touchIfHeld(input.orderId, input.callId, nowIso);
}

/**
 * Writes a payment attempt, before anything about it is sent: its id (`<call's order attempt>-<n>`,
 * n counting the cards tried in the call), the order's amount and the txnTime (now, as the acquirer stamps it) are what
 * the acquirer will know it by, so that a query can find it after a timeout or a crash.
 * The card appears masked, with its bank and kind; nothing else of it.
 */
export async function recordAttempt(
  store: Store,
  input: PaymentInput,
  state: AttemptState,
  at: Date,
  fingerprint: CardFingerprint,
  acquirer: Pick<AcquirerPort, 'txnTimeOf'>,
): Promise<PaymentAttemptRow> {
  const nowIso = at.toISOString();
  const row = await store.transaction(async (tx) => {
    if (!(await holdOrder(tx, input, nowIso))) return undefined;
    const card = { card_masked: maskPan(input.card.pan), card_bank: input.bankCode, card_kind: input.card.kind };
    const call = await tx.orderAttempts.countPayment(input.orderId, input.callId, card);
    if (!call) return undefined;
    // The call holds the order, in this transaction.
    const order = (await tx.orders.amount(input.orderId)) as { amount: number; currency: 'CNY' };
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
    await tx.paymentAttempts.insert(attempt);
    return attempt;
  });
  if (!row) throw new AppError('order_not_payable', 'the order is not held by this call');
  return row;
}

/** A prepared attempt (its SMS code sent) moves to sending, if it is this call's and the call still holds the order. */
export async function startPrepared(
  store: Store,
  input: PaymentInput,
  prepared: PreparedAttempt,
  at: Date,
): Promise<PaymentAttemptRow> {
  const moved = await store.transaction(async (tx) => {
    const held = await holdOrder(tx, input, at.toISOString());
    const ours = await tx.paymentAttempts.isCallsAttempt(prepared.attemptId, input.orderId, input.callId);
    return held && ours && (await moveAttempt(tx, prepared.attemptId, 'sending', at));
  });
  const row = moved ? await store.paymentAttempts.find(prepared.attemptId) : undefined;
  if (!row) throw new AppError('order_not_payable', 'the prepared attempt is not this call’s to pay');
  return row;
}
