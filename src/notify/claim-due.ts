import { randomBytes } from 'node:crypto';
import type { Knex } from 'knex';
import type { NotificationRow } from './notification-row';

export interface Claim {
  rows: NotificationRow[];
  /** Only the holder of this token may record the outcome of these rows. */
  leaseToken: string;
}

/**
 * Leases up to `limit` due, undelivered notifications for `leaseMs` in one UPDATE: of two deliverers running
 * at once (two cron runs, two processes), each row goes to exactly one. A deliverer that dies leaves its
 * rows to be claimed again once the lease passes, so at-least-once holds (receivers dedupe on the event id).
 */
export async function claimDueNotifications(db: Knex, now: Date, leaseMs: number, limit: number): Promise<Claim> {
  const nowIso = now.toISOString();
  const leaseToken = randomBytes(12).toString('hex');
  const claimable = (q: Knex.QueryBuilder) =>
    q
      .where('status', 'pending')
      .where('next_attempt_at', '<=', nowIso)
      .where((w) => w.whereNull('locked_until').orWhere('locked_until', '<=', nowIso));
  // The outer conditions repeat the inner ones: PostgreSQL re-checks them on a row another claim just took.
  const due = claimable(db('notifications').select('id')).orderBy('next_attempt_at').orderBy('id').limit(limit);
  const rows: NotificationRow[] = await claimable(db('notifications').whereIn('id', due)).update(
    { locked_until: new Date(now.getTime() + leaseMs).toISOString(), lease_token: leaseToken },
    '*',
  );
  return { rows, leaseToken };
}
