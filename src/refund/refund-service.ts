import type { AcquirerPort } from '../acquirer/acquirer-port';
import { AppError } from '../domain/app-error';
import { parseInput } from '../domain/parse-input';
import { within } from '../lib/within';
import type { ServiceDeps } from '../services/service-deps';
import { newId } from '../store/new-id';
import type { RefundRow } from '../store/payment-rows';
import type { OrderRow } from '../store/rows';
import { newRefundSchema, type NewRefundInput } from './new-refund-schema';
import { refundKindFor, type CutOff } from './refund-kind';
import type { RefundSettler } from './refund-settler';
import { toRefundView, type RefundView } from './refund-view';

export interface RefundServiceDeps extends ServiceDeps {
  acquirer: Pick<AcquirerPort, 'txnTimeOf' | 'reversalOrderIdOf'>;
  settler: Pick<RefundSettler, 'send'>;
  /** The acquirer's daily cut-off, Beijing HH:MM (config ACQUIRER_CUT_OFF). */
  cutOff: CutOff;
  /** How long a request waits for the refund's final word before answering with it still pending. */
  answerWaitMs: number;
}

export interface RefundService {
  /**
   * Refunds `amount` fen of this merchant's paid order: written (and the amount reserved) before it is sent, then
   * sent once. `not_found` for another merchant's order, `order_not_refundable` unless paid,
   * `refund_exceeds_remaining` above what is left, `validation_failed` for bad fields; none of them changes anything.
   */
  createRefund(merchantId: string, orderId: string, input: NewRefundInput): Promise<RefundView>;
}

/** Refunds and same-day cancels of paid orders (README.md, Refunds and cancels). */
export function createRefundService(deps: RefundServiceDeps): RefundService {
  const { store } = deps;

  async function refundableOrder(merchantId: string, orderId: string): Promise<OrderRow> {
    const order = await store.orders.find(orderId, merchantId);
    if (!order) throw new AppError('not_found', 'order not found');
    if (order.status !== 'paid') {
      throw new AppError('order_not_refundable', `the order is ${order.status}: only a paid order can be refunded`, {
        orderId: 'is not paid',
      });
    }
    return order;
  }

  function exceeds(order: Pick<OrderRow, 'amount' | 'refund_reserved'>): AppError {
    const left = Number(order.amount) - Number(order.refund_reserved);
    return new AppError('refund_exceeds_remaining', 'the amount is more than what is left to refund', {
      amount: `must be at most ${left} (fen): what is left of the payment after the other refunds`,
    });
  }

  return {
    async createRefund(merchantId, orderId, input) {
      const { amount, reason } = parseInput(newRefundSchema, input);
      const order = await refundableOrder(merchantId, orderId);
      if (amount > Number(order.amount) - Number(order.refund_reserved)) throw exceeds(order);
      const payment = await store.refunds.paidAttempt(order);
      if (!payment?.acquirer_ref) throw new AppError('order_not_refundable', 'the order has no payment to refund');

      const at = deps.now();
      const nowIso = at.toISOString();
      const txnTime = deps.acquirer.txnTimeOf(at);
      const id = newId('rfd');
      const row: RefundRow = {
        id,
        order_id: order.id,
        merchant_id: merchantId,
        kind: refundKindFor({
          paid: Number(order.amount),
          reserved: Number(order.refund_reserved),
          amount,
          paymentTxnTime: payment.txn_time,
          refundTxnTime: txnTime,
          cutOff: deps.cutOff,
        }),
        amount,
        currency: order.currency,
        reason,
        payment_attempt_id: payment.id,
        orig_query_id: payment.acquirer_ref,
        acquirer_order_id: deps.acquirer.reversalOrderIdOf(id),
        txn_time: txnTime,
        state: 'pending',
        response_code: null,
        failure_reason: null,
        acquirer_ref: null,
        created_at: nowIso,
        updated_at: nowIso,
        resolved_at: null,
      };
      // The reservation first (SQLite's write lock up front): one conditional UPDATE, so of concurrent refunds only
      // those that fit in what is left get a row; the rest change nothing.
      const written = await store.transaction(async (tx) => {
        if (!(await tx.refunds.reserve(order.id, merchantId, amount, nowIso))) return false;
        await tx.refunds.insert(row);
        return true;
      });
      if (!written) {
        const now = await store.orders.find(order.id, merchantId);
        throw now && now.status === 'paid' ? exceeds(now) : new AppError('order_not_refundable', 'the order is no longer paid');
      }
      deps.log.info({ refundId: id, orderId: order.id, merchantId, kind: row.kind, amount }, 'refund written, sending');
      await within(deps.settler.send(row), { ms: deps.answerWaitMs });
      return toRefundView((await store.refunds.find(id)) ?? row);
    },
  };
}
