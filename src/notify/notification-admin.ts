import type { Logger } from 'pino';
import { AppError } from '../domain/app-error';
import type { NotificationRow, NotificationStatus } from '../store/notification-rows';
import type { Store } from '../store/store';
import { RETRY_WINDOW_MS } from './retry-window';

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

export function createNotificationAdmin(deps: { store: Store; now: () => Date; log: Logger }): NotificationAdmin {
  const { notifications } = deps.store;
  return {
    async listNotifications(filter = {}) {
      const rows = await notifications.list({ orderId: filter.orderId, failed: filter.failed, limit: filter.limit ?? 100 });
      return rows.map(toView);
    },

    async redeliver(eventId) {
      const now = deps.now();
      // The lease stays, so no second send starts while one is in progress; that send's outcome then wins.
      const giveUpAt = new Date(now.getTime() + RETRY_WINDOW_MS).toISOString();
      const row = (await notifications.redeliver(eventId, now.toISOString(), giveUpAt))
        ? await notifications.find(eventId)
        : undefined;
      if (!row) throw new AppError('not_found', `notification ${eventId} not found`);
      deps.log.info({ eventId }, 'notification redelivery requested');
      return toView(row);
    },
  };
}
