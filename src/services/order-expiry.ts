import { PAYABLE_STATUSES } from '../domain/order-status';
import { enqueueOrderEvent } from '../notify/enqueue-order-event';
import type { OrderRow } from '../store/rows';
import type { Store } from '../store/store';

/**
 * Marks payable orders past their expiry as `expired` and frees their pay codes; returns how many.
 * Orders in a call are left alone: the call that claimed them in time may finish. Shared by the order
 * service and the dialer (an order it is about to call may have expired since it was queued).
 */
export async function expireOrders(store: Store, at: Date, scope: { id?: string; payCode?: string } = {}): Promise<number> {
  return store.transaction(async (tx) => {
    const expired = await tx.orders.expire(at.toISOString(), scope);
    // The merchants' events commit with the expiry (see src/notify/enqueue-order-event.ts).
    for (const id of expired) await enqueueOrderEvent(tx, id, 'order.expired', at);
    return expired.length;
  });
}

/** expireOrders' condition, for one order already read. */
export function isPastExpiry(row: Pick<OrderRow, 'status' | 'expires_at'>, at: Date): boolean {
  return PAYABLE_STATUSES.includes(row.status) && row.expires_at <= at.toISOString();
}
