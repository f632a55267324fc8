import type { AttemptRow } from '../rows';
import type { Source } from '../source';
import type { NewRow } from '../tables';
import type { OrderCard } from './order-repository';

/** The `order_attempts` table: one row per call that held an order. */
export interface OrderAttemptRepository {
  insert(row: NewRow<AttemptRow, 'payment_count'>): Promise<void>;
  /** Oldest first. */
  listForOrders(orderIds: string[]): Promise<AttemptRow[]>;
  /** Ends the call's attempt on the order, if still open, with this outcome. */
  end(orderId: string, callId: string, outcome: string, nowIso: string): Promise<void>;
  /**
   * Ends every open attempt of an order no call holds any more: those of calls that died with their node (after
   * `orders.abandonCallsOf`). The attempts of calls other nodes hold stay open.
   */
  endOpenOfReleased(outcome: string, nowIso: string): Promise<void>;
  /**
   * A payment in the call's open attempt: the card is noted, the payment count goes up and the last answer is
   * cleared. Returns the attempt as it now stands (the latest, should there be two), undefined when none is open.
   */
  countPayment(orderId: string, callId: string, card: OrderCard): Promise<AttemptRow | undefined>;
  /** Paid with this answer; ended now unless it already had. */
  notePaid(id: string, responseCode: string, nowIso: string): Promise<void>;
  noteDecline(id: string, reason: string, responseCode: string): Promise<void>;
  noteResponseCode(id: string, responseCode: string): Promise<void>;
  /** The order (and its merchant) a call last held, for its call detail record; undefined when it held none. */
  lastOrderOfCall(callId: string): Promise<{ order_id: string; merchant_id: string } | undefined>;
}

export function createOrderAttemptRepository(db: Source): OrderAttemptRepository {
  const attempts = () => db.table('order_attempts');
  return {
    async insert(row) {
      await attempts().insert(row);
    },

    listForOrders: (orderIds) => attempts().whereIn('order_id', orderIds).orderBy('started_at').orderBy('id'),

    async end(orderId, callId, outcome, nowIso) {
      await attempts().where({ order_id: orderId, call_id: callId }).whereNull('ended_at').update({ ended_at: nowIso, outcome });
    },

    async endOpenOfReleased(outcome, nowIso) {
      await attempts()
        .whereNull('ended_at')
        .whereNotIn('order_id', db.knex('orders').select('id').where({ status: 'in_call' }))
        .update({ ended_at: nowIso, outcome });
    },

    async countPayment(orderId, callId, card) {
      const open = () => attempts().where({ order_id: orderId, call_id: callId }).whereNull('ended_at');
      await open().update({
        ...card,
        payment_count: db.knex.raw('payment_count + 1'),
        decline_reason: null,
        response_code: null,
      });
      return open().orderBy('started_at', 'desc').first();
    },

    async notePaid(id, responseCode, nowIso) {
      await attempts()
        .where({ id })
        .update({
          outcome: 'paid',
          ended_at: db.knex.raw('coalesce(??, ?)', ['ended_at', nowIso]),
          decline_reason: null,
          response_code: responseCode,
        });
    },

    async noteDecline(id, reason, responseCode) {
      await attempts().where({ id }).update({ decline_reason: reason, response_code: responseCode });
    },

    async noteResponseCode(id, responseCode) {
      await attempts().where({ id }).update({ response_code: responseCode });
    },

    lastOrderOfCall: (callId) =>
      attempts()
        .join('orders', 'orders.id', 'order_attempts.order_id')
        .where('order_attempts.call_id', callId)
        .orderBy('order_attempts.started_at', 'desc')
        .first<{ order_id: string; merchant_id: string } | undefined>('order_attempts.order_id', 'orders.merchant_id'),
  };
}
