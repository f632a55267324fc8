import type { AcquirerPort, PaymentResult } from '../acquirer/acquirer-port';
import type { PaymentsForCall } from '../call/call-ports';
import { AppError } from '../domain/app-error';
import { maskPan } from '../domain/mask';
import { enqueueOrderEvent } from '../notify/enqueue-order-event';
import type { AttemptRow, OrderRow } from '../store/rows';
import { payWithTimeout } from './acquirer-with-timeout';
import type { ServiceDeps } from './service-deps';

export interface PaymentServiceDeps extends ServiceDeps {
  acquirer: AcquirerPort;
  /** How long a caller waits for the acquirer before hearing "try later". */
  timeoutMs: number;
}

/** What may be stored and shown of a card. */
interface CardSummary {
  masked: string;
  bank: string;
  kind: string;
}

interface StartedPayment {
  attemptRowId: string;
  /** Unique per payment: the call's attempt and the number of cards tried in it. */
  attemptId: string;
  amount: number;
}

/**
 * Sends a call's payment to the acquirer and applies the answer. The card is kept in memory only:
 * the order and its attempt get the masked number, bank and kind, never the number, CVN2, PIN or expiry.
 */
export function createPaymentService(deps: PaymentServiceDeps): PaymentsForCall {
  const { db } = deps;

  async function start(orderId: string, callId: string, card: CardSummary) {
    const nowIso = deps.now().toISOString();
    return db.transaction(async (trx): Promise<StartedPayment | undefined> => {
      // Write first (see call-orders.ts), and only for the call that holds the order.
      const held = await trx('orders')
        .where({ id: orderId, status: 'in_call', in_call_id: callId })
        .update({ updated_at: nowIso });
      if (held === 0) return undefined;
      const open = trx('order_attempts').where({ order_id: orderId, call_id: callId }).whereNull('ended_at');
      await open.clone().update({
        payment_count: trx.raw('payment_count + 1'),
        card_masked: card.masked,
        card_bank: card.bank,
        card_kind: card.kind,
        decline_reason: null,
        response_code: null,
      });
      const attempt: AttemptRow | undefined = await open.clone().orderBy('started_at', 'desc').first();
      const order: Pick<OrderRow, 'amount'> = await trx('orders').where({ id: orderId }).first('amount');
      if (!attempt) return undefined;
      return {
        attemptRowId: attempt.id,
        attemptId: `${attempt.id}-${attempt.payment_count}`,
        amount: Number(order.amount),
      };
    });
  }

  async function apply(orderId: string, started: StartedPayment, card: CardSummary, result: PaymentResult): Promise<void> {
    const nowIso = deps.now().toISOString();
    const cardColumns = { card_masked: card.masked, card_bank: card.bank, card_kind: card.kind };
    await db.transaction(async (trx) => {
      const attempt = trx('order_attempts').where({ id: started.attemptRowId });
      if (result.outcome === 'approved') {
        // The money moved, so the order is paid even if the caller hung up while we waited.
        const paid = await trx('orders').where({ id: orderId }).whereNot({ status: 'paid' }).update({
          ...cardColumns,
          status: 'paid',
          spent_pay_code: trx.raw('coalesce(??, ??)', ['pay_code', 'spent_pay_code']),
          pay_code: null,
          in_call_id: null,
          decline_reason: null,
          acquirer_ref: result.acquirerRef,
          updated_at: nowIso,
        });
        // In this transaction: the merchant's event commits with the payment, or neither does.
        if (paid > 0) await enqueueOrderEvent(trx, orderId, 'order.paid', new Date(nowIso));
        await attempt.update({
          outcome: 'paid',
          ended_at: trx.raw('coalesce(??, ?)', ['ended_at', nowIso]),
          decline_reason: null,
          response_code: result.responseCode,
        });
      } else if (result.outcome === 'declined') {
        // The order stays in the call: the caller may try another card. releaseAfterCall ends it.
        await trx('orders')
          .where({ id: orderId })
          .whereNot({ status: 'paid' })
          .update({ ...cardColumns, decline_reason: result.reason, updated_at: nowIso });
        await attempt.update({ decline_reason: result.reason, response_code: result.responseCode });
      } else if (result.responseCode !== undefined) {
        await attempt.update({ response_code: result.responseCode });
      }
    });
  }

  return {
    async pay({ orderId, callId, card, bankCode, holder }) {
      const cardView: CardSummary = { masked: maskPan(card.pan), bank: bankCode, kind: card.kind };
      const started = await start(orderId, callId, cardView);
      if (!started) throw new AppError('order_not_payable', 'the order is not held by this call');
      const log = deps.log.child({ orderId, callId, attemptId: started.attemptId });
      log.info({ card: cardView, amount: started.amount }, 'payment sent to the acquirer');

      const { attemptId, amount } = started;
      const request = { orderId, attemptId, amount, currency: 'CNY' as const, card, holder };
      const sent = await payWithTimeout(deps.acquirer, request, deps.timeoutMs);
      let result: PaymentResult;
      if (sent.kind === 'answered') {
        result = sent.result;
      } else if (sent.kind === 'failed') {
        log.error({ error: sent.error }, 'acquirer failed; payment state unknown');
        result = { outcome: 'unavailable' };
      } else {
        log.warn({ timeoutMs: deps.timeoutMs }, 'acquirer did not answer in time; payment state unknown');
        result = { outcome: 'unavailable' };
        // A late approval still means the card was charged: record it so the order cannot be paid twice.
        void sent.late
          .then(async (late) => {
            log.warn({ outcome: late?.outcome ?? 'error' }, 'late answer from the acquirer');
            if (late?.outcome === 'approved') await apply(orderId, started, cardView, late);
          })
          .catch((err: unknown) => log.error({ error: String(err) }, 'could not apply a late approval'));
      }
      await apply(orderId, started, cardView, result);
      const reason = result.outcome === 'declined' ? result.reason : undefined;
      log.info({ outcome: result.outcome, reason, responseCode: result.responseCode }, 'payment answered');
      return result;
    },
  };
}
