import type { Knex } from 'knex';
import type { Logger } from 'pino';
import { AppError } from '../domain/app-error';
import { RETRY_WINDOW_MS, type NotificationRow, type NotificationStatus } from './notification-row';

/** A notification as admins see it: where it goes and how delivery went, not its payload. */
export interface NotificationView {
  id: string;
  type: string;
  orderId: string;
  merchantId: string;
  url: string;
  status: NotificationStatus;
  attempts: number;
  nextAttemptAt: string;
  deliveredAt?: string;
  lastError?: string;
  createdAt: string;
}

export interface NotificationFilter {
  orderId?: string;
  /** Only events that ran out of retries. */
  failed?: boolean;
  /** Newest first; 100 unless given. */
  limit?: number;
}

export interface NotificationAdmin {
  listNotifications(filter?: NotificationFilter): Promise<NotificationView[]>;
  /**
   * Sends the event again as soon as a deliverer runs (same event id and payload), whatever its status, with
   * a fresh retry window; the attempt count goes on. `not_found` for an unknown id.
   */
  redeliver(eventId: string): Promise<NotificationView>;
}

function toView(row: NotificationRow): NotificationView {
  return {
    id: row.id,
    type: row.type,
    orderId: row.order_id,
    merchantId: row.merchant_id,
    url: row.url,
    status: row.status,
    attempts: row.attempts,
    nextAttemptAt: row.next_attempt_at,
    ...(row.delivered_at ? { deliveredAt: row.delivered_at } : {}),
    ...(row.last_error ? { lastError: row.last_error } : {}),
    createdAt: row.created_at,
  };
}

export function createNotificationAdmin(deps: { db: Knex; now: () => Date; log: Logger }): NotificationAdmin {
  const { db } = deps;
  return {
    async listNotifications(filter = {}) {
      const query = db('notifications')
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(filter.limit ?? 100);
      if (filter.orderId !== undefined) query.where('order_id', filter.orderId);
      if (filter.failed) query.where('status', 'failed');
      const rows: NotificationRow[] = await query;
      return rows.map(toView);
    },

    async redeliver(eventId) {
      const now = deps.now();
      // The lease stays, so no second send starts while one is in progress; that send's outcome then wins.
      const count = await db('notifications')
        .where({ id: eventId })
        .update({
          status: 'pending',
          next_attempt_at: now.toISOString(),
          give_up_at: new Date(now.getTime() + RETRY_WINDOW_MS).toISOString(),
        });
      if (count === 0) throw new AppError('not_found', `notification ${eventId} not found`);
      deps.log.info({ eventId }, 'notification redelivery requested');
      const row = (await db('notifications').where({ id: eventId }).first()) as NotificationRow;
      return toView(row);
    },
  };
}
