import type { Knex } from 'knex';
import { claimDueRows, type LeaseClaim } from '../lease';
import type { NotificationRow, NotificationStatus } from '../notification-rows';
import type { Source } from '../source';
import { tally } from '../tally';
import type { NewRow } from '../tables';

export type NewNotificationRow = NewRow<NotificationRow, 'attempts'>;

/** What recording a delivery try writes: the outcome, and the lease given back. */
export type DeliveryUpdate = Pick<NotificationRow, 'attempts' | 'status'> &
  Partial<Pick<NotificationRow, 'delivered_at' | 'next_attempt_at' | 'last_error'>>;

export interface NotificationFilter {
  orderId?: string;
  /** Only events that ran out of retries. */
  failed?: boolean;
  limit: number;
}

/** The `notifications` outbox of merchant events. */
export interface NotificationRepository {
  insert(row: NewNotificationRow): Promise<void>;
  find(id: string): Promise<NotificationRow | undefined>;
  /** Newest first. */
  list(filter: NotificationFilter): Promise<NotificationRow[]>;
  /**
   * Leases up to `limit` due, undelivered notifications for `leaseMs` in one UPDATE: of two deliverers running
   * at once (two cron runs, two processes), each row goes to exactly one. A deliverer that dies leaves its
   * rows to be claimed again once the lease passes, so at-least-once holds (receivers dedupe on the event id).
   * An event waits while an earlier event of its order has not had its first try (afterFirstTriesOfEarlier).
   */
  claimDue(now: Date, leaseMs: number, limit: number): Promise<LeaseClaim<NotificationRow>>;
  /** Records a try and gives the lease back, only if `leaseToken` still holds it; whether it did. */
  recordDelivery(id: string, leaseToken: string, update: DeliveryUpdate): Promise<boolean>;
  /**
   * Pending again from `nowIso` with retries until `giveUpAt`, whatever its status; the lease stays, so no
   * second send starts while one is in progress. False for an unknown id.
   */
  redeliver(id: string, nowIso: string, giveUpAt: string): Promise<boolean>;
  /** How many notifications have each of `statuses`: one GROUP BY over the status index (metrics, at scrape time). */
  countInStatuses<S extends NotificationStatus>(statuses: readonly S[]): Promise<Record<S, number>>;
}

/**
 * Not before every earlier event of the same order has been tried once: the events written together (the call
 * released as abandoned, then its payment found paid a second later) reach the merchant in the order they happened,
 * whoever delivers them, and a merchant keeping the last event it received keeps the order's latest state. An earlier
 * event waiting for a retry (its endpoint failed) holds nothing back: events can then arrive out of order, and the
 * README tells merchants to compare `createdAt`. Ties (one millisecond) go by id.
 */
function afterFirstTriesOfEarlier(db: Source) {
  return (due: Knex.QueryBuilder): void => {
    due.whereNotExists(
      db.knex
        .select('earlier.id')
        .from('notifications as earlier')
        .whereRaw('earlier.order_id = notifications.order_id')
        .where('earlier.status', 'pending')
        .where('earlier.attempts', 0)
        .where((w) => {
          w.whereRaw('earlier.created_at < notifications.created_at').orWhere((tie) => {
            tie.whereRaw('earlier.created_at = notifications.created_at').whereRaw('earlier.id < notifications.id');
          });
        }),
    );
  };
}

export function createNotificationRepository(db: Source): NotificationRepository {
  const notifications = () => db.table('notifications');
  return {
    async insert(row) {
      await notifications().insert(row);
    },

    find: (id) => notifications().where({ id }).first(),

    list(filter) {
      const query = notifications().orderBy('created_at', 'desc').orderBy('id', 'desc').limit(filter.limit);
      if (filter.orderId !== undefined) query.where('order_id', filter.orderId);
      if (filter.failed) query.where('status', 'failed');
      return query;
    },

    claimDue: (now, leaseMs, limit) =>
      claimDueRows(db, 'notifications', 'pending', { now, leaseMs, limit, alsoWhere: afterFirstTriesOfEarlier(db) }),

    async recordDelivery(id, leaseToken, update) {
      const count = await notifications()
        .where({ id, lease_token: leaseToken })
        .update({ ...update, locked_until: null, lease_token: null });
      return count > 0;
    },

    async redeliver(id, nowIso, giveUpAt) {
      const count = await notifications()
        .where({ id })
        .update({ status: 'pending', next_attempt_at: nowIso, give_up_at: giveUpAt });
      return count > 0;
    },

    async countInStatuses(statuses) {
      const rows = await notifications()
        .whereIn('status', statuses)
        .groupBy('status')
        .select({ key: 'status' })
        .count({ n: '*' });
      return tally(statuses, rows);
    },
  };
}
