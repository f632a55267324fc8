import { newId } from '../store/new-id';
import type { Repositories } from '../store/store';
import { buildRefundEvent, type RefundEventType } from './refund-event';
import { RETRY_WINDOW_MS } from './retry-window';

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
  if (!refund || !order?.notify_url) return undefined;
  const id = newId('evt');
  const nowIso = at.toISOString();
  await tx.notifications.insert({
    id,
    merchant_id: order.merchant_id,
    order_id: order.id,
    type,
    payload: JSON.stringify(buildRefundEvent(refund, order, type, id, at)),
    url: order.notify_url,
    status: 'pending',
    attempts: 0,
    next_attempt_at: nowIso,
    give_up_at: new Date(at.getTime() + RETRY_WINDOW_MS).toISOString(),
    created_at: nowIso,
  });
  return id;
}
