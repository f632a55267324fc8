import type { Knex } from 'knex';
import type { Logger } from 'pino';
import type { PaymentResult } from '../call/payment-result';
import { enqueueOrderEvent } from '../notify/enqueue-order-event';
import type { OrderRow } from '../store/rows';
import type { AttemptState } from './payment-attempt-state';
import { findAttempt, moveAttempt, type AttemptChanges, type PaymentAttemptRow } from './payment-attempts';

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
 * Applies an outcome to the attempt and its order inside `trx`, which it opens with a write. Only a
 * forward move of the attempt (payment-attempt-state.ts) touches the order, so a repeated or late
 * outcome changes nothing. Returns whether the attempt moved.
 */
export async function applyOutcomeIn(
  trx: Knex.Transaction,
  attemptId: string,
  result: AttemptOutcome,
  at: Date,
  log: Logger,
): Promise<boolean> {
  const { to, changes } = target(result);
  if (!(await moveAttempt(trx, attemptId, to, at, changes))) return false;
  const attempt = (await findAttempt(trx, attemptId)) as PaymentAttemptRow;
  const nowIso = at.toISOString();
  const orderAttempt = trx('order_attempts').where({ id: attempt.order_attempt_id });
  const card = { card_masked: attempt.card_masked, card_bank: attempt.card_bank, card_kind: attempt.card_kind };
  const fingerprint = { card_fingerprint: attempt.card_fingerprint };

  if (result.outcome === 'approved') {
    // The money moved, so the order is paid whatever happened since: the caller hung up, heard
    // "try later", or the order expired or was cancelled meanwhile.
    const paid = await trx('orders')
      .where({ id: attempt.order_id })
      .whereNot({ status: 'paid' })
      .update({
        ...card,
        ...fingerprint,
        status: 'paid',
        spent_pay_code: trx.raw('coalesce(??, ??)', ['pay_code', 'spent_pay_code']),
        pay_code: null,
        in_call_id: null,
        decline_reason: null,
        acquirer_ref: result.acquirerRef || null,
        updated_at: nowIso,
      });
    // In this transaction: the merchant's event commits with the payment, or neither does.
    if (paid > 0) await enqueueOrderEvent(trx, attempt.order_id, 'order.paid', at);
    else await warnIfChargedTwice(trx, attempt, result.acquirerRef, log);
    await orderAttempt.update({
      outcome: 'paid',
      ended_at: trx.raw('coalesce(??, ?)', ['ended_at', nowIso]),
      decline_reason: null,
      response_code: result.responseCode,
    });
  } else if (result.outcome === 'declined') {
    // The order stays with its call: the caller may try another card (releaseAfterCall ends it).
    await trx('orders')
      .where({ id: attempt.order_id })
      .whereNot({ status: 'paid' })
      .update({ ...card, decline_reason: result.reason, updated_at: nowIso });
    await orderAttempt.update({ decline_reason: result.reason, response_code: result.responseCode });
  } else if (result.outcome === 'unavailable' && result.responseCode !== undefined) {
    await orderAttempt.update({ response_code: result.responseCode });
  }
  return true;
}

export function applyAttemptOutcome(
  db: Knex,
  attemptId: string,
  result: AttemptOutcome,
  at: Date,
  log: Logger,
): Promise<boolean> {
  return db.transaction((trx) => applyOutcomeIn(trx, attemptId, result, at, log));
}

/** An approval for an order another attempt already paid: two charges, one to refund. Should never happen. */
async function warnIfChargedTwice(
  trx: Knex.Transaction,
  attempt: PaymentAttemptRow,
  acquirerRef: string,
  log: Logger,
): Promise<void> {
  const order: Pick<OrderRow, 'acquirer_ref'> | undefined = await trx('orders')
    .where({ id: attempt.order_id })
    .first('acquirer_ref');
  if (order && order.acquirer_ref !== (acquirerRef || null)) {
    log.error(
      { alert: 'order_charged_twice', orderId: attempt.order_id, attemptId: attempt.id },
      'a second attempt was approved for a paid order: refund it',
    );
  }
}
