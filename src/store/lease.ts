import { randomBytes } from 'node:crypto';
import type { Knex } from 'knex';
import type { SmsRow } from './callback-rows';
import { dialectOf } from './dialect';
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

/**
 * Narrows a claim's UPDATE to the due rows `due` selects (`select id … limit n`). On PostgreSQL they are locked with
 * FOR UPDATE SKIP LOCKED, so a row another claimer's transaction holds is passed over, not waited for: claimers on
 * several nodes take disjoint rows without queueing behind each other. The selection is a MATERIALIZED CTE, run
 * once: as an `IN (subquery)` the planner may rescan it per row, and each rescan, skipping the rows this very
 * UPDATE just took, would add new ones past the limit (seen in skip-locked-claims.test.ts). SQLite has one writer
 * at a time (the UPDATE holds the write lock), so its statement stays `WHERE id IN (due)`.
 */
export function whereDue<Q extends Knex.QueryBuilder>(db: Source, claim: Q, due: Knex.QueryBuilder): Q {
  if (dialectOf(db.knex) !== 'postgres') return claim.whereIn('id', due) as Q;
  return claim.withMaterialized('claim_due', due.forUpdate().skipLocked()).whereIn('id', db.knex('claim_due').select('id')) as Q;
}

/** Claimed rows oldest due first, whichever order the store's RETURNING gave them in. */
export function byDue<Row extends { id: string }>(due: (row: Row) => string): (a: Row, b: Row) => number {
  return (a, b) => due(a).localeCompare(due(b)) || a.id.localeCompare(b.id);
}

export interface ClaimOptions {
  now: Date;
  leaseMs: number;
  limit: number;
  /** Narrows the due rows further (e.g. not while an earlier row of the same order waits); on the selection only. */
  alsoWhere?: (due: Knex.QueryBuilder) => void;
}

/**
 * Leases up to `limit` rows of an outbox table (notifications, SMS) that wait in status `waiting` and are due, oldest
 * due first, for `leaseMs`, in one UPDATE … WHERE id IN (due: whereDue) RETURNING: of two claimers running at once (two cron runs,
 * two processes, two nodes) each row goes to exactly one, and the rows of a claimer that died are claimed again once the lease
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
  if (opts.alsoWhere) due.modify(opts.alsoWhere);
  // The two tables' rows differ; the leasing columns they share are all this statement names.
  const outbox: Knex.QueryBuilder = db.table(table);
  const rows = await whereDue(db, outbox, due)
    .modify(claimable)
    .update({ locked_until: new Date(opts.now.getTime() + opts.leaseMs).toISOString(), lease_token: leaseToken })
    .returning<(NotificationRow | SmsRow)[]>('*');
  rows.sort(byDue((row) => row.next_attempt_at));
  return { rows, leaseToken };
}
