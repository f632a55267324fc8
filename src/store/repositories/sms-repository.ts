import type { SmsRow, SmsStatus } from '../callback-rows';
import { claimDueRows, type LeaseClaim } from '../lease';
import type { Source } from '../source';
import { tally } from '../tally';
import type { NewRow } from '../tables';

export type NewSmsRow = NewRow<SmsRow, 'attempts'>;

/** What recording a send writes: the outcome, and the lease given back. */
export type SendUpdate = Pick<SmsRow, 'attempts' | 'status'> &
  Partial<Pick<SmsRow, 'provider_id' | 'sent_at' | 'next_attempt_at' | 'last_error'>>;

export interface SmsFilter {
  orderId?: string;
  status?: SmsStatus;
  limit: number;
}

/** The `sms` outbox of reminders to cardholders. */
export interface SmsRepository {
  insert(row: NewSmsRow): Promise<void>;
  find(id: string): Promise<SmsRow | undefined>;
  /** Newest first. */
  list(filter: SmsFilter): Promise<SmsRow[]>;
  /** SMS ever queued for the order (the per-order cap counts them). */
  countForOrder(orderId: string): Promise<number>;
  /** One UPDATE leases up to `limit` due rows for `leaseMs`, so two senders never send one SMS twice at once. */
  claimDue(now: Date, leaseMs: number, limit: number): Promise<LeaseClaim<SmsRow>>;
  /** Records a send and gives the lease back, only if `leaseToken` still holds it. */
  recordSend(id: string, leaseToken: string, update: SendUpdate): Promise<void>;
  /** Queued again, due at `nowIso`, whatever its status; the lease stays. False for an unknown id. */
  requeue(id: string, nowIso: string): Promise<boolean>;
  /** How many SMS have each of `statuses`: one GROUP BY over the status index (metrics, at scrape time). */
  countInStatuses<S extends SmsStatus>(statuses: readonly S[]): Promise<Record<S, number>>;
}

export function createSmsRepository(db: Source): SmsRepository {
  const sms = () => db.table('sms');
  return {
    async insert(row) {
      await sms().insert(row);
    },

    find: (id) => sms().where({ id }).first(),

    list(filter) {
      const query = sms().orderBy('created_at', 'desc').orderBy('id', 'desc').limit(filter.limit);
      if (filter.orderId !== undefined) query.where('order_id', filter.orderId);
      if (filter.status !== undefined) query.where('status', filter.status);
      return query;
    },

    async countForOrder(orderId) {
      const row = await sms().where({ order_id: orderId }).count({ n: '*' }).first();
      return Number(row?.n ?? 0);
    },

    claimDue: (now, leaseMs, limit) => claimDueRows(db, 'sms', 'queued', { now, leaseMs, limit }),

    async recordSend(id, leaseToken, update) {
      await sms()
        .where({ id, lease_token: leaseToken })
        .update({ ...update, locked_until: null, lease_token: null });
    },

    async requeue(id, nowIso) {
      return (await sms().where({ id }).update({ status: 'queued', next_attempt_at: nowIso, last_error: null })) > 0;
    },

    async countInStatuses(statuses) {
      const rows = await sms().whereIn('status', statuses).groupBy('status').select({ key: 'status' }).count({ n: '*' });
      return tally(statuses, rows);
    },
  };
}
