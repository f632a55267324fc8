import { newId } from '../store/new-id';
import type { OrderRow } from '../store/rows';
import type { Repositories } from '../store/store';
import { RETRY_WINDOW_MS } from './retry-window';

/**
 * Writes one merchant event into the outbox, to the order's notify URL, due at once and retried for
 * RETRY_WINDOW_MS. `payload` builds the body from the event's id. Returns the id, or undefined when the order
 * has no notify URL. Callers pass the transaction of the change the event reports, so both commit or neither does.
 */
export async function insertOutboxEvent(
  tx: Pick<Repositories, 'notifications'>,
  order: OrderRow,
  type: string,
  at: Date,
  payload: (eventId: string) => unknown,
): Promise<string | undefined> {
  if (!order.notify_url) return undefined;
  const id = newId('evt');
  const nowIso = at.toISOString();
  await tx.notifications.insert({
    id,
    merchant_id: order.merchant_id,
    order_id: order.id,
    type,
    payload: JSON.stringify(payload(id)),
    url: order.notify_url,
    status: 'pending',
    attempts: 0,
    next_attempt_at: nowIso,
    give_up_at: new Date(at.getTime() + RETRY_WINDOW_MS).toISOString(),
    created_at: nowIso,
  });
  return id;
}
