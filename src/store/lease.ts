import { randomBytes } from 'node:crypto';
import type { Knex } from 'knex';
import type { SmsRow } from './callback-rows';
import type { NotificationRow } from './notification-rows';
import type { Source } from './source';

/** Rows leased by one claim (notifications, SMS, callbacks): only the holder of `leaseToken` may record their outcome. */
export interface LeaseClaim<Row> {
  rows: Row[];
  leaseToken: string;
}

export function newLeaseToken(): string {
  return randomBytes(12).toString('hex');
}

export interface ClaimOptions {
  now: Date;
  leaseMs: number;
  limit: number;
}

/**
 * Leases up to `limit` rows of an outbox table (notifications, SMS) that wait in status `waiting` and are due, oldest
 * due first, for `leaseMs`, in one UPDATE … WHERE id IN (due) RETURNING: of two claimers running at once (two cron runs,
 * two processes) each row goes to exactly one, and the rows of a claimer that died are claimed again once the lease
 * passes. The outer conditions repeat the inner ones: PostgreSQL re-checks them on a row another claim just took.
 */
export function claimDueRows(
  db: Source,
  table: 'notifications',
  waiting: NotificationRow['status'],
  opts: ClaimOptions,
): Promise<LeaseClaim<NotificationRow>>;
export function claimDueRows(
  db: Source,
  table: 'sms',
  waiting: SmsRow['status'],
  opts: ClaimOptions,
): Promise<LeaseClaim<SmsRow>>;
export async function claimDueRows(
  db: Source,
  table: 'notifications' | 'sms',
  waiting: string,
  opts: ClaimOptions,
): Promise<LeaseClaim<NotificationRow | SmsRow>> {
  const nowIso = opts.now.toISOString();
  const leaseToken = newLeaseToken();
  const claimable = (q: Knex.QueryBuilder): void => {
    q.where('status', waiting)
      .where('next_attempt_at', '<=', nowIso)
      .where((w) => {
        w.whereNull('locked_until').orWhere('locked_until', '<=', nowIso);
      });
  };
  const due = db.knex(table).select('id').modify(claimable).orderBy('next_attempt_at').orderBy('id').limit(opts.limit);
  // The two tables' rows differ; the leasing columns they share are all this statement names.
  const outbox: Knex.QueryBuilder = db.table(table);
  const rows = await outbox
    .whereIn('id', due)
    .modify(claimable)
    .update({ locked_until: new Date(opts.now.getTime() + opts.leaseMs).toISOString(), lease_token: leaseToken })
    .returning<(NotificationRow | SmsRow)[]>('*');
  return { rows, leaseToken };
}
