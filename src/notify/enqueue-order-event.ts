import type { Repositories } from '../store/store';
import { buildOrderEvent, type OrderEventType } from './order-event';
import { insertOutboxEvent } from './outbox-event';

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
  return order && insertOutboxEvent(tx, order, type, at, (id) => buildOrderEvent(order, type, id, at));
}
