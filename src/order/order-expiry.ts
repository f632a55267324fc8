import type { Knex } from 'knex';
import { enqueueOrderEvent } from '../notify/enqueue-order-event';
import type { OrderRow } from '../store/rows';
import { type OrderStatus, PAYABLE_STATUSES } from '../domain/order-status';

/**
 * Marks payable orders past their expiry as `expired` and frees their pay codes; returns how many.
 * Orders in a call are left alone: the call that claimed them in time may finish.
 */
export async function expireOrders(db: Knex, at: Date, scope: { id?: string; payCode?: string } = {}): Promise<number> {
  const nowIso = at.toISOString();
  return db.transaction(async (trx) => {
    const query = trx('orders').whereIn('status', PAYABLE_STATUSES).where('expires_at', '<=', nowIso);
    if (scope.id !== undefined) query.where('id', scope.id);
    if (scope.payCode !== undefined) query.where('pay_code', scope.payCode);
    const expired: { id: string }[] = await query.update(
      { status: 'expired', spent_pay_code: trx.raw('??', ['pay_code']), pay_code: null, updated_at: nowIso },
      ['id'],
    );
    // The merchants' events commit with the expiry (see src/notify/enqueue-order-event.ts).
    for (const { id } of expired) await enqueueOrderEvent(trx, id, 'order.expired', at);
    return expired.length;
  });
}

/** expireOrders' condition, for one order already read. */
export function isPastExpiry(row: Pick<OrderRow, 'status' | 'expires_at'>, at: Date): boolean {
  return PAYABLE_STATUSES.includes(row.status as OrderStatus) && row.expires_at <= at.toISOString();
}
