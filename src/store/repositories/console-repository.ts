import type { AttemptState } from '../../domain/payment-attempt-state';
import type { Source } from '../source';

/** An order held by a live call, named for the console. */
export interface OrderInCall {
  callId: string;
  orderId: string;
  merchantName: string;
}

/** Payment attempts of one state in a period. */
export interface StateCount {
  state: AttemptState;
  count: number;
  /** Integer fen. */
  amount: number;
}

export interface ReasonCount {
  reason: string;
  count: number;
}

/** An attempt nobody knows the result of, with what an operator needs to act on it (no card data but the mask). */
export interface UnresolvedAttempt {
  id: string;
  orderId: string;
  merchantName: string;
  amount: number;
  state: AttemptState;
  cardMasked: string;
  cardBank: string;
  createdAt: string;
}

/** Counts by minute, the minute as `YYYY-MM-DDTHH:MM` (UTC, as stored). */
export interface MinuteCount {
  minute: string;
  count: number;
}

export interface CallbackCounts {
  /** Scheduled and due now, not yet dialled. */
  due: number;
  /** Scheduled for later. */
  later: number;
  /** Being dialled (a live lease). */
  dialing: number;
  /** The longest-waiting due callback's due time. */
  oldestDueAt: string | null;
}

export interface WebhookBacklog {
  /** Not delivered yet, retries left. */
  pending: number;
  /** Of those, due to be sent now. */
  due: number;
  oldestPendingAt: string | null;
  /** Gave up after every retry. */
  failed: number;
}

/** Read-only queries of the operator console (issue 15 §4), across all merchants. */
export interface ConsoleRepository {
  ordersInCalls(callIds: readonly string[]): Promise<OrderInCall[]>;
  /** Payment attempts created in [fromIso, toIso), by state. */
  attemptsByState(fromIso: string, toIso: string): Promise<StateCount[]>;
  /** Declined attempts created in [fromIso, toIso), by reason, most frequent first. */
  declineReasons(fromIso: string, toIso: string): Promise<ReasonCount[]>;
  /** Attempts in these states, oldest first. */
  unresolved(states: readonly AttemptState[], limit: number): Promise<UnresolvedAttempt[]>;
  /** Call legs started since `fromIso`, by minute. */
  callsPerMinute(fromIso: string): Promise<MinuteCount[]>;
  /** Payment attempts created since `fromIso`, by minute: all of them, and those now approved. */
  paymentsPerMinute(fromIso: string): Promise<(MinuteCount & { approved: number })[]>;
  callbackCounts(nowIso: string): Promise<CallbackCounts>;
  webhookBacklog(nowIso: string): Promise<WebhookBacklog>;
}

const MINUTE = 'substr(??, 1, 16)';

export function createConsoleRepository(db: Source): ConsoleRepository {
  const { knex } = db;
  return {
    async ordersInCalls(callIds) {
      if (callIds.length === 0) return [];
      const rows = await db
        .table('orders')
        .join('merchants', 'merchants.id', 'orders.merchant_id')
        .whereIn('orders.in_call_id', callIds)
        .select({ callId: 'orders.in_call_id', orderId: 'orders.id', merchantName: 'merchants.name' });
      return rows;
    },

    async attemptsByState(fromIso, toIso) {
      const rows: { state: AttemptState; count: number | string; amount: number | string | null }[] = await db
        .table('payment_attempts')
        .where('created_at', '>=', fromIso)
        .where('created_at', '<', toIso)
        .groupBy('state')
        .select('state', knex.raw('count(*) as count'), knex.raw('sum(amount) as amount'));
      return rows.map((r) => ({ state: r.state, count: Number(r.count), amount: Number(r.amount ?? 0) }));
    },

    async declineReasons(fromIso, toIso) {
      const rows: { reason: string | null; count: number | string }[] = await db
        .table('payment_attempts')
        .where('state', 'declined')
        .where('created_at', '>=', fromIso)
        .where('created_at', '<', toIso)
        .groupBy('decline_reason')
        .select({ reason: 'decline_reason' }, knex.raw('count(*) as count'))
        .orderByRaw('count desc, reason');
      return rows.map((r) => ({ reason: r.reason ?? 'declined', count: Number(r.count) }));
    },

    async unresolved(states, limit) {
      const rows = await db
        .table('payment_attempts')
        .join('orders', 'orders.id', 'payment_attempts.order_id')
        .join('merchants', 'merchants.id', 'orders.merchant_id')
        .whereIn('payment_attempts.state', states)
        .orderBy('payment_attempts.created_at')
        .limit(limit)
        .select({
          id: 'payment_attempts.id',
          orderId: 'payment_attempts.order_id',
          merchantName: 'merchants.name',
          amount: 'payment_attempts.amount',
          state: 'payment_attempts.state',
          cardMasked: 'payment_attempts.card_masked',
          cardBank: 'payment_attempts.card_bank',
          createdAt: 'payment_attempts.created_at',
        });
      return (rows as UnresolvedAttempt[]).map((r) => ({ ...r, amount: Number(r.amount) }));
    },

    async callsPerMinute(fromIso) {
      const rows: { minute: string; count: number | string }[] = await db
        .table('call_legs')
        .where('started_at', '>=', fromIso)
        .groupBy('minute')
        .orderBy('minute')
        .select(knex.raw(`${MINUTE} as minute`, ['started_at']), knex.raw('count(*) as count'));
      return rows.map((r) => ({ minute: r.minute, count: Number(r.count) }));
    },

    async paymentsPerMinute(fromIso) {
      const rows: { minute: string; count: number | string; approved: number | string }[] = await db
        .table('payment_attempts')
        .where('created_at', '>=', fromIso)
        .groupBy('minute')
        .orderBy('minute')
        .select(
          knex.raw(`${MINUTE} as minute`, ['created_at']),
          knex.raw('count(*) as count'),
          knex.raw("sum(case when state = 'approved' then 1 else 0 end) as approved"),
        );
      return rows.map((r) => ({ minute: r.minute, count: Number(r.count), approved: Number(r.approved) }));
    },

    async callbackCounts(nowIso) {
      const row = (await db
        .table('callbacks')
        .select(
          knex.raw("sum(case when state = 'scheduled' and next_call_at <= ? then 1 else 0 end) as due", [nowIso]),
          knex.raw("sum(case when state = 'scheduled' and next_call_at > ? then 1 else 0 end) as later", [nowIso]),
          knex.raw("sum(case when state = 'dialing' and locked_until > ? then 1 else 0 end) as dialing", [nowIso]),
          knex.raw("min(case when state = 'scheduled' and next_call_at <= ? then next_call_at end) as oldest", [nowIso]),
        )
        .first()) as { due: number | null; later: number | null; dialing: number | null; oldest: string | null } | undefined;
      return {
        due: Number(row?.due ?? 0),
        later: Number(row?.later ?? 0),
        dialing: Number(row?.dialing ?? 0),
        oldestDueAt: row?.oldest ?? null,
      };
    },

    async webhookBacklog(nowIso) {
      const row = (await db
        .table('notifications')
        .select(
          knex.raw("sum(case when status = 'pending' then 1 else 0 end) as pending"),
          knex.raw("sum(case when status = 'pending' and next_attempt_at <= ? then 1 else 0 end) as due", [nowIso]),
          knex.raw("min(case when status = 'pending' then created_at end) as oldest"),
          knex.raw("sum(case when status = 'failed' then 1 else 0 end) as failed"),
        )
        .first()) as { pending: number | null; due: number | null; oldest: string | null; failed: number | null } | undefined;
      return {
        pending: Number(row?.pending ?? 0),
        due: Number(row?.due ?? 0),
        oldestPendingAt: row?.oldest ?? null,
        failed: Number(row?.failed ?? 0),
      };
    },
  };
}
