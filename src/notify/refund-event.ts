import type { RefundRow } from '../store/payment-rows';
import type { OrderRow } from '../store/rows';

export type RefundEventType = 'refund.succeeded' | 'refund.failed';

/** What a merchant's notify URL receives about a refund. No card data: the refund and its order's totals. */
export interface RefundEvent {
  id: string;
  type: RefundEventType;
  createdAt: string;
  data: {
    id: string;
    orderId: string;
    merchantOrderId: string;
    kind: string;
    amount: number;
    currency: string;
    reason: string;
    state: string;
    failureReason?: string;
    /** The order's totals after this refund: paid, and refunded for good. */
    orderAmount: number;
    orderRefundedAmount: number;
  };
}

type EventRefundFields = Pick<
  RefundRow,
  'id' | 'order_id' | 'kind' | 'amount' | 'currency' | 'reason' | 'state' | 'failure_reason'
>;
type EventOrderFields = Pick<OrderRow, 'merchant_order_id' | 'amount' | 'refunded_amount'>;

/** Built field by field, so a column added later never reaches merchants unseen (as order-event.ts). */
export function buildRefundEvent(
  refund: EventRefundFields,
  order: EventOrderFields,
  type: RefundEventType,
  eventId: string,
  at: Date,
): RefundEvent {
  return {
    id: eventId,
    type,
    createdAt: at.toISOString(),
    data: {
      id: refund.id,
      orderId: refund.order_id,
      merchantOrderId: order.merchant_order_id,
      kind: refund.kind,
      amount: Number(refund.amount),
      currency: refund.currency,
      reason: refund.reason,
      state: refund.state,
      ...(refund.failure_reason ? { failureReason: refund.failure_reason } : {}),
      orderAmount: Number(order.amount),
      orderRefundedAmount: Number(order.refunded_amount),
    },
  };
}
