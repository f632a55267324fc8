import type { CallbackRow, CallbackState } from '../callback-rows';
import { dialectOf } from '../dialect';
import { byDue, newLeaseToken, whereDue, type LeaseClaim } from '../lease';
import type { OrderRow } from '../rows';
import type { Source } from '../source';
import type { NewRow } from '../tables';

/** A callback with its order's merchant, as the admin lists show it. */
export type ListedCallbackRow = CallbackRow & Pick<OrderRow, 'merchant_id'>;

/** Conditions that all hold. */
export interface CallbackFilter {
  state?: CallbackState;
  /** Given up: `unreachable`. */
  failed?: boolean;
  /** Scheduled and due at this time. */
  dueAt?: string;
  limit: number;
}

/** How a claimed row is given back without a call: `scheduled` at `at`, or a final state. */
export type ClaimRelease = { state: 'scheduled'; at: Date } | { state: 'done' | 'cancelled' | 'unreachable'; outcome?: string };

/** What recording a dialled attempt writes on the callback: what follows it, and the lease given back. */
export type CallbackOutcomeUpdate = Pick<CallbackRow, 'state' | 'attempts_made' | 'last_outcome' | 'updated_at'> &
  Partial<Pick<CallbackRow, 'next_call_at'>>;

/** The `callbacks` table: the dialer's queue, one row per callback order, leased by the dialer that dials it. */
export interface CallbackRepository {
  insert(row: NewRow<CallbackRow, 'attempts_made'>): Promise<void>;
  listForOrders(orderIds: string[]): Promise<CallbackRow[]>;
  findListed(orderId: string): Promise<ListedCallbackRow | undefined>;
  /** By next call, oldest first. */
  listListed(filter: CallbackFilter): Promise<ListedCallbackRow[]>;
  /** The orders of given-up (`unreachable`) callbacks, the longest given up first. */
  unreachableOrderIds(): Promise<string[]>;
  /** Outbound calls in progress across every dialer sharing the store (live leases). */
  countDialing(nowIso: string): Promise<number>;
  /** The same, per Asterisk server (asterisk_server; rows that name none under `null`). */
  countDialingByServer(nowIso: string): Promise<Map<string | null, number>>;
  /** Names the server a claimed row's call goes to, in the claim's transaction; only the lease holder can. */
  assignServer(id: string, leaseToken: string, server: string): Promise<void>;
  /**
   * Callbacks due (scheduled, next call passed) and dialling (live leases), in one statement over the
   * (state, next_call_at) index: the metrics read it at scrape time.
   */
  countOpen(nowIso: string): Promise<{ due: number; dialing: number }>;
  /**
   * Leases up to `limit` due callbacks in one UPDATE … WHERE id IN (due, oldest first: whereDue) RETURNING: of
   * two dialers claiming at once, each row goes to exactly one. The (state, next_call_at) index keeps the cost to the due rows.
   */
  claimDue(now: Date, leaseMs: number, limit: number, claimedBy?: string): Promise<LeaseClaim<CallbackRow>>;
  /** The rows a node's dialer holds (`dialing`, claimed by it): what a node that died left. */
  listDialingClaimedBy(nodeId: string): Promise<CallbackRow[]>;
  /**
   * Makes the dialers' count of lines in use and their claim one at a time across every node, until the transaction
   * ends: SQLite's write lock already does (the dialer's transaction opens with a write); PostgreSQL takes an advisory
   * lock, else two dialers could both count the same free lines and claim beyond them.
   */
  lockLines(): Promise<void>;
  /** Rows whose dialer stopped (lease passed while `dialing`) go back to `scheduled`, due at once; their ids. */
  releaseExpiredLeases(nowIso: string): Promise<string[]>;
  /** Keeps a call's lease alive; false when it was lost (cancelled by an admin, or taken back after it ran out). */
  renewLease(id: string, leaseToken: string, until: Date): Promise<boolean>;
  /** Gives a claimed row back without a call. Only the lease holder can. */
  releaseClaim(id: string, leaseToken: string, release: ClaimRelease, now: Date): Promise<boolean>;
  /** Records what follows a dialled attempt and gives the lease back; false when the lease was lost. */
  recordOutcome(id: string, leaseToken: string, update: CallbackOutcomeUpdate): Promise<boolean>;
  /** Due at once again, if still in `fromState` (read before): false when it changed meanwhile. */
  rescheduleNow(orderId: string, fromState: CallbackState, nowIso: string): Promise<boolean>;
  /** No more calls, unless done; a lease is cleared, so a call in progress records only its attempt. */
  cancel(orderId: string, nowIso: string): Promise<void>;
  /** With its order cancelled: no more calls unless one is in progress (the dialer then finds the order cancelled). */
  cancelWaiting(orderId: string, nowIso: string): Promise<void>;
}

/** The advisory lock key of the dialers' lines (any number unique to ivrpay's locks). */
const DIALER_LINES_LOCK = 0x1f4a_0001;

export function createCallbackRepository(db: Source): CallbackRepository {
  const callbacks = () => db.table('callbacks');
  const listed = () =>
    callbacks()
      .join('orders', 'orders.id', 'callbacks.order_id')
      .select<ListedCallbackRow[]>('callbacks.*', 'orders.merchant_id');

  return {
    async insert(row) {
      await callbacks().insert(row);
    },

    listForOrders: (orderIds) => callbacks().whereIn('order_id', orderIds),

    findListed: (orderId) => listed().where('callbacks.order_id', orderId).first(),

    listListed(filter) {
      const query = listed().orderBy('callbacks.next_call_at').orderBy('callbacks.id').limit(filter.limit);
      if (filter.state !== undefined) query.where('callbacks.state', filter.state);
      if (filter.failed) query.where('callbacks.state', 'unreachable');
      if (filter.dueAt !== undefined)
        query.where('callbacks.state', 'scheduled').where('callbacks.next_call_at', '<=', filter.dueAt);
      return query;
    },

    unreachableOrderIds: () => callbacks().where({ state: 'unreachable' }).orderBy('updated_at').pluck('order_id'),

    async countDialing(nowIso) {
      const row = await callbacks().where('state', 'dialing').where('locked_until', '>', nowIso).count({ n: '*' }).first();
      return Number(row?.n ?? 0);
    },

    async countDialingByServer(nowIso) {
      const rows = await callbacks()
        .where('state', 'dialing')
        .where('locked_until', '>', nowIso)
        .groupBy('asterisk_server')
        .select('asterisk_server')
        .count({ n: '*' });
      return new Map(rows.map((r) => [r.asterisk_server, Number(r.n)]));
    },

    async assignServer(id, leaseToken, server) {
      await callbacks().where({ id, lease_token: leaseToken }).update({ asterisk_server: server });
    },

    async countOpen(nowIso) {
      const raw = (sql: string, bindings: string[]) => db.knex.raw(sql, bindings);
      const row = await callbacks()
        .whereIn('state', ['scheduled', 'dialing'])
        .select({
          due: raw("coalesce(sum(case when state = 'scheduled' and next_call_at <= ? then 1 else 0 end), 0)", [nowIso]),
          dialing: raw("coalesce(sum(case when state = 'dialing' and locked_until > ? then 1 else 0 end), 0)", [nowIso]),
        })
        .first<{ due: number | string; dialing: number | string } | undefined>();
      return { due: Number(row?.due ?? 0), dialing: Number(row?.dialing ?? 0) };
    },

    async claimDue(now, leaseMs, limit, claimedBy) {
      const leaseToken = newLeaseToken();
      if (limit <= 0) return { rows: [], leaseToken };
      const nowIso = now.toISOString();
      const due = db
        .knex('callbacks')
        .select('id')
        .where('state', 'scheduled')
        .where('next_call_at', '<=', nowIso)
        .orderBy('next_call_at')
        .orderBy('id')
        .limit(limit);
      // The outer condition repeats the state: PostgreSQL re-checks it on a row another claim just took.
      const rows = await whereDue(db, callbacks(), due)
        .where('state', 'scheduled')
        .update({
          state: 'dialing',
          locked_until: new Date(now.getTime() + leaseMs).toISOString(),
          lease_token: leaseToken,
          claimed_by: claimedBy ?? null,
          updated_at: nowIso,
        })
        .returning<CallbackRow[]>('*');
      rows.sort(byDue((row) => row.next_call_at));
      return { rows, leaseToken };
    },

    listDialingClaimedBy: (nodeId) => callbacks().where({ state: 'dialing', claimed_by: nodeId }).orderBy('id'),

    async lockLines() {
      if (dialectOf(db.knex) === 'postgres') await db.raw('select pg_advisory_xact_lock(?)', [DIALER_LINES_LOCK]);
    },

    async releaseExpiredLeases(nowIso) {
      const released = await callbacks()
        .where('state', 'dialing')
        .where('locked_until', '<=', nowIso)
        .update({ state: 'scheduled', locked_until: null, lease_token: null, updated_at: nowIso }, ['id']);
      return released.map((r) => r.id);
    },

    async renewLease(id, leaseToken, until) {
      const count = await callbacks()
        .where({ id, lease_token: leaseToken, state: 'dialing' })
        .update({ locked_until: until.toISOString() });
      return count > 0;
    },

    async releaseClaim(id, leaseToken, release, now) {
      const count = await callbacks()
        .where({ id, lease_token: leaseToken })
        .update({
          state: release.state,
          ...(release.state === 'scheduled' ? { next_call_at: release.at.toISOString() } : {}),
          ...(release.state !== 'scheduled' && release.outcome ? { last_outcome: release.outcome } : {}),
          locked_until: null,
          lease_token: null,
          updated_at: now.toISOString(),
        });
      return count > 0;
    },

    async recordOutcome(id, leaseToken, update) {
      const count = await callbacks()
        .where({ id, lease_token: leaseToken })
        .update({ ...update, locked_until: null, lease_token: null });
      return count > 0;
    },

    async rescheduleNow(orderId, fromState, nowIso) {
      const count = await callbacks().where({ order_id: orderId, state: fromState }).update({
        state: 'scheduled',
        next_call_at: nowIso,
        locked_until: null,
        lease_token: null,
        updated_at: nowIso,
      });
      return count > 0;
    },

    async cancel(orderId, nowIso) {
      await callbacks()
        .where({ order_id: orderId })
        .whereNot({ state: 'done' })
        .update({ state: 'cancelled', locked_until: null, lease_token: null, updated_at: nowIso });
    },

    async cancelWaiting(orderId, nowIso) {
      await callbacks()
        .where({ order_id: orderId })
        .whereIn('state', ['scheduled', 'unreachable'])
        .update({ state: 'cancelled', updated_at: nowIso });
    },
  };
}
