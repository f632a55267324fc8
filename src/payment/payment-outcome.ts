import type { Logger } from 'pino';
import type { PaymentResult } from '../call/payment-result';
import type { AttemptState } from '../domain/payment-attempt-state';
import { enqueueOrderEvent } from '../notify/enqueue-order-event';
import type { PaymentAttemptRow } from '../store/payment-rows';
import type { Repositories, Store } from '../store/store';
import { moveAttempt, type AttemptChanges } from './payment-attempts';

/** The acquirer's final word on an attempt: an answer, a query result or a notification. */
export type AttemptOutcome = PaymentResult | { outcome: 'not_found' };

function target(result: AttemptOutcome): { to: AttemptState; changes: AttemptChanges } {
  switch (result.outcome) {
    case 'approved':
      return {
        to: 'approved',
        changes: { response_code: result.responseCode, acquirer_ref: result.acquirerRef || null, decline_reason: null },
      };
    case 'declined':
      return { to: 'declined', changes: { response_code: result.responseCode, decline_reason: result.reason } };
    case 'unavailable':
      return { to: 'not_sent', changes: { response_code: result.responseCode } };
    case 'not_found':
      return { to: 'not_found', changes: {} };
  }
}

/**
 * Applies an outcome to the attempt and its order inside `tx`, which it opens with a write. Only a
 * forward move of the attempt (payment-attempt-state.ts) touches the order, so a repeated or late
 * outcome changes nothing. Returns whether the attempt moved.
 */
export async function applyOutcomeIn(
  tx: Repositories,
  attemptId: string,
  result: AttemptOutcome,
  at: Date,
  log: Logger,
): Promise<boolean> {
  const { to, changes } = target(result);
  if (!(await moveAttempt(tx, attemptId, to, at, changes))) return false;
  const attempt = (await tx.paymentAttempts.find(attemptId)) as PaymentAttemptRow;
  const nowIso = at.toISOString();
  const orderAttemptId = attempt.order_attempt_id;
  const card = { card_masked: attempt.card_masked, card_bank: attempt.card_bank, card_kind: attempt.card_kind };

  if (result.outcome === 'approved') {
    // The money moved, so the order is paid whatever happened since: the caller hung up, heard
    // "try later", or the order expired or was cancelled meanwhile.
    const paid = await tx.orders.markPaid(
      attempt.order_id,
      { ...card, card_fingerprint: attempt.card_fingerprint, acquirer_ref: result.acquirerRef || null },
      nowIso,
    );
    // In this transaction: the merchant's event commits with the payment, or neither does.
    if (paid) await enqueueOrderEvent(tx, attempt.order_id, 'order.paid', at);
    else await warnIfChargedTwice(tx, attempt, result.acquirerRef, log);
    await tx.orderAttempts.notePaid(orderAttemptId, result.responseCode, nowIso);
  } else if (result.outcome === 'declined') {
    // The order stays with its call: the caller may try another card (releaseAfterCall ends it).
    await tx.orders.noteDecline(attempt.order_id, card, result.reason, nowIso);
    await tx.orderAttempts.noteDecline(orderAttemptId, result.reason, result.responseCode);
  } else if (result.outcome === 'unavailable' && result.responseCode !== undefined) {
    await tx.orderAttempts.noteResponseCode(orderAttemptId, result.responseCode);
  }
  return true;
}

export function applyAttemptOutcome(
  store: Store,
  attemptId: string,
  result: AttemptOutcome,
  at: Date,
  log: Logger,
): Promise<boolean> {
  return store.transaction((tx) => applyOutcomeIn(tx, attemptId, result, at, log));
}

/** An approval for an order another attempt already paid: two charges, one to refund. Should never happen. */
async function warnIfChargedTwice(tx: Repositories, attempt: PaymentAttemptRow, acquirerRef: string, log: Logger): Promise<void> {
  const order = await tx.orders.acquirerRef(attempt.order_id);
  if (order && order.acquirer_ref !== (acquirerRef || null)) {
    log.error(
      { alert: 'order_charged_twice', orderId: attempt.order_id, attemptId: attempt.id },
      'a second attempt was approved for a paid order: refund it',
    );
  }
}
