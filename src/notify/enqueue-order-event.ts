import { newId } from '../store/new-id';
import type { Repositories } from '../store/store';
import { buildOrderEvent, type OrderEventType } from './order-event';
import { RETRY_WINDOW_MS } from './retry-window';

/**
 * Writes the event for an order's new state into the outbox. Call it with the transaction that changed the
 * order, after the change: the event then commits or rolls back with it (a crash after the commit still
 * leaves the event to deliver). Returns the event id, or undefined when the order has no notify URL.
 */
export async function enqueueOrderEvent(
  tx: Pick<Repositories, 'orders' | 'notifications'>,
  orderId: string,
  type: OrderEventType,
  at: Date,
): Promise<string | undefined> {
  const order = await tx.orders.find(orderId);
  if (!order?.notify_url) return undefined;
  const id = newId('evt');
  const nowIso = at.toISOString();
  await tx.notifications.insert({
    id,
    merchant_id: order.merchant_id,
    order_id: order.id,
    type,
    payload: JSON.stringify(buildOrderEvent(order, type, id, at)),
    url: order.notify_url,
    status: 'pending',
    attempts: 0,
    next_attempt_at: nowIso,
    give_up_at: new Date(at.getTime() + RETRY_WINDOW_MS).toISOString(),
    created_at: nowIso,
  });
  return id;
}
