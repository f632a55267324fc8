import type { Knex } from 'knex';
import type { CallOrder, ClaimResult, OrdersForCall } from '../call/call-ports';
import { enqueueOrderEvent } from '../notify/enqueue-order-event';
import { newId } from '../store/new-id';
import type { MerchantRow, OrderRow } from '../store/rows';
import { expireOrders } from './order-expiry';
import { PAYABLE_STATUSES } from '../domain/order-status';
import { withoutUnresolvedPayment } from '../payment/payment-attempts';
import type { ServiceDeps } from '../services/service-deps';

type ClaimedRow = OrderRow & Pick<MerchantRow, 'require_id_number' | 'require_mobile'> & { merchant_name: string };

function toCallOrder(row: ClaimedRow): CallOrder {
  return {
    id: row.id,
    merchantName: row.merchant_name,
    amount: Number(row.amount),
    currency: row.currency,
    requires: { idNumber: Boolean(row.require_id_number), mobile: Boolean(row.require_mobile) },
  };
}

/** Why `payCode` could not be claimed, for the caller's prompt. */
async function whyNotClaimable(db: Knex, payCode: string, now: Date): Promise<Extract<ClaimResult, { ok: false }>['reason']> {
  if ((await expireOrders(db, now, { payCode })) > 0) return 'expired';
  const live: OrderRow | undefined = await db('orders').where({ pay_code: payCode }).first();
  if (live) return live.status === 'in_call' ? 'in_call' : 'not_payable';
  const spent: OrderRow | undefined = await db('orders').where({ spent_pay_code: payCode }).orderBy('updated_at', 'desc').first();
  if (!spent) return 'unknown';
  if (spent.status === 'paid' || spent.status === 'expired') return spent.status;
  return 'not_payable';
}

/** Why the order `orderId` could not be claimed by a callback. */
async function whyNotClaimableById(db: Knex, orderId: string, now: Date): Promise<Extract<ClaimResult, { ok: false }>['reason']> {
  if ((await expireOrders(db, now, { id: orderId })) > 0) return 'expired';
  const row: OrderRow | undefined = await db('orders').where({ id: orderId }).first();
  if (!row) return 'unknown';
  if (row.status === 'paid' || row.status === 'expired' || row.status === 'in_call') return row.status;
  return 'not_payable';
}

/**
 * The order side of a payment call. Every transaction here starts with a write, so SQLite takes the
 * write lock up front (waiting up to busy_timeout) instead of failing on a read-to-write upgrade.
 */
export function createCallOrders(deps: ServiceDeps): OrdersForCall & { recoverStaleCalls(): Promise<number> } {
  const { db } = deps;

  /** Marks the payable order with this pay code or id as in this call, with its attempt; undefined when none matched. */
  function claim(column: 'pay_code' | 'id', value: string, callId: string, nowIso: string): Promise<ClaimedRow | undefined> {
    return db.transaction(async (trx) => {
      // One conditional UPDATE: of two calls claiming the same order at once, exactly one matches.
      const count = await trx('orders')
        .where(column, value)
        .whereIn('status', PAYABLE_STATUSES)
        .where('expires_at', '>', nowIso)
        .modify(withoutUnresolvedPayment)
        .update({ status: 'in_call', in_call_id: callId, updated_at: nowIso });
      if (count === 0) return undefined;
      const row: ClaimedRow = await trx('orders')
        .join('merchants', 'merchants.id', 'orders.merchant_id')
        .where(`orders.${column}`, value)
        .first('orders.*', 'merchants.name as merchant_name', 'merchants.require_id_number', 'merchants.require_mobile');
      await trx('order_attempts').insert({
        id: newId('att'),
        order_id: row.id,
        call_id: callId,
        started_at: nowIso,
        outcome: 'in_call',
      });
      return row;
    });
  }

  return {
    async claimByPayCode(payCode, callId) {
      if (!/^\d{6}$/.test(payCode)) return { ok: false, reason: 'unknown' };
      const now = deps.now();
      const claimed = await claim('pay_code', payCode, callId, now.toISOString());
      if (!claimed) {
        const reason = await whyNotClaimable(db, payCode, now);
        deps.log.info({ callId, reason }, 'pay code not claimable');
        return { ok: false, reason };
      }
      deps.log.info({ callId, orderId: claimed.id }, 'order claimed by call');
      return { ok: true, order: toCallOrder(claimed) };
    },

    async claimById(orderId, callId) {
      const now = deps.now();
      const claimed = await claim('id', orderId, callId, now.toISOString());
      if (!claimed) {
        const reason = await whyNotClaimableById(db, orderId, now);
        deps.log.info({ callId, orderId, reason }, 'order not claimable by callback');
        return { ok: false, reason };
      }
      deps.log.info({ callId, orderId }, 'order claimed by callback');
      return { ok: true, order: toCallOrder(claimed) };
    },

    async releaseAfterCall(orderId, callId, outcome) {
      const now = deps.now();
      const nowIso = now.toISOString();
      const released = await db.transaction(async (trx) => {
        const count = await trx('orders')
          .where({ id: orderId, status: 'in_call', in_call_id: callId })
          .update({ status: outcome, in_call_id: null, updated_at: nowIso });
        if (count > 0) await enqueueOrderEvent(trx, orderId, `order.${outcome}`, now);
        await trx('order_attempts')
          .where({ order_id: orderId, call_id: callId })
          .whereNull('ended_at')
          .update({ ended_at: nowIso, outcome });
        return count;
      });
      // Nothing to release when the call paid the order, or start-up recovery already ended the call.
      deps.log.info({ callId, orderId, outcome, released: released > 0 }, 'call released order');
    },

    async recoverStaleCalls() {
      const now = deps.now();
      const nowIso = now.toISOString();
      const count = await db.transaction(async (trx) => {
        const orders: { id: string }[] = await trx('orders')
          .where({ status: 'in_call' })
          .update({ status: 'abandoned', in_call_id: null, updated_at: nowIso }, ['id']);
        await trx('order_attempts').whereNull('ended_at').update({ ended_at: nowIso, outcome: 'abandoned' });
        for (const { id } of orders) await enqueueOrderEvent(trx, id, 'order.abandoned', now);
        return orders.length;
      });
      if (count > 0) deps.log.warn({ count }, 'orders left in a call by the previous run are now abandoned');
      return count;
    },
  };
}
