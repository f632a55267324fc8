import type { Repositories } from '../store/store';
import { buildRefundEvent, type RefundEventType } from './refund-event';
import { insertOutboxEvent } from './outbox-event';

/**
 * Writes a refund's event into the outbox, to its order's notify URL: call it with the transaction that settled
 * the refund, after the change, so both commit or neither does (as enqueue-order-event.ts). Returns the event id,
 * or undefined when the order has no notify URL.
 */
export async function enqueueRefundEvent(
  tx: Pick<Repositories, 'orders' | 'notifications' | 'refunds'>,
  refundId: string,
  type: RefundEventType,
  at: Date,
): Promise<string | undefined> {
  const refund = await tx.refunds.find(refundId);
  const order = refund && (await tx.orders.find(refund.order_id));
  return order && insertOutboxEvent(tx, order, type, at, (id) => buildRefundEvent(refund, order, type, id, at));
}
