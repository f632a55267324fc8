import type { Knex } from 'knex';
import { PAYABLE_STATUSES, type OrderMode, type OrderStatus } from '../../domain/order-status';
import { UNRESOLVED_STATES } from '../../domain/payment-attempt-state';
import type { MerchantCallbackColumns } from '../callback-rows';
import type { MerchantRow, OrderRow } from '../rows';
import type { Source } from '../source';
import type { NewRow } from '../tables';

export type NewOrderRow = NewRow<OrderRow, 'description'>;

/** An order claimed by a call, with what the call script needs of its merchant. */
export type ClaimedOrderRow = OrderRow &
  Pick<MerchantRow, 'require_id_number' | 'require_mobile' | 'confirm_card' | 'greeting_languages'> & {
    merchant_name: string;
    merchant_language: MerchantRow['language'];
  };

/** A callback order's state with its merchant's callback policy, for the dialer. */
export type DialOrderRow = Pick<OrderRow, 'status' | 'expires_at'> & MerchantCallbackColumns;

/** What an SMS reminder says about the order. */
export interface ReminderOrderRow {
  pay_code: string | null;
  amount: number;
  merchant_name: string;
}

export interface OrderFilter {
  merchantId?: string;
  status?: OrderStatus;
  mode?: OrderMode;
  /** Callback orders to this phone (national form). */
  phone?: string;
  limit: number;
}

/** The card (masked, bank, kind) a payment used; never more. */
export type OrderCard = Pick<OrderRow, 'card_masked' | 'card_bank' | 'card_kind'>;

/**
 * The `orders` table. The conditional UPDATEs here are the order's state moves: each states in its WHERE
 * what the order must be for the move (PAYABLE_STATUSES, not past expiry, no payment that may have charged), so
 * of two writers racing exactly one moves it, and each returns whether it did.
 */
export interface OrderRepository {
  insert(row: NewOrderRow): Promise<void>;
  /** The order, only if it is this merchant's when `merchantId` is given. */
  find(id: string, merchantId?: string): Promise<OrderRow | undefined>;
  /** The order holding this live pay code. */
  findByPayCode(payCode: string): Promise<OrderRow | undefined>;
  /** The order that last held this pay code (spent when it was paid, expired or cancelled). */
  findBySpentPayCode(payCode: string): Promise<OrderRow | undefined>;
  status(id: string): Promise<Pick<OrderRow, 'status' | 'expires_at'> | undefined>;
  amount(id: string): Promise<Pick<OrderRow, 'amount' | 'currency'> | undefined>;
  acquirerRef(id: string): Promise<Pick<OrderRow, 'acquirer_ref'> | undefined>;
  /** Newest first. */
  list(filter: OrderFilter): Promise<OrderRow[]>;
  /** With the merchant's callback policy. */
  findForDial(id: string): Promise<DialOrderRow | undefined>;
  /** With the merchant's name. */
  findForReminder(id: string): Promise<ReminderOrderRow | undefined>;

  /**
   * Payable orders past their expiry (at `nowIso`) become `expired` and their pay codes spent; narrowed to one
   * order by `id` or `payCode`. Returns the ids expired.
   */
  expire(nowIso: string, scope: { id?: string; payCode?: string }): Promise<string[]>;
  /**
   * A payable order, not past expiry and with no payment that may have charged, goes `in_call` for this call, held
   * by this app node (`nodeId`, migration 014).
   */
  claimForCall(by: 'id' | 'pay_code', value: string, callId: string, nodeId: string, nowIso: string): Promise<boolean>;
  /** The order with this id or live pay code, with its merchant's requirements (after claimForCall). */
  findClaimed(by: 'id' | 'pay_code', value: string): Promise<ClaimedOrderRow | undefined>;
  /** The call holding the order lets it go, to `status`. */
  releaseFromCall(id: string, callId: string, status: OrderStatus, nowIso: string): Promise<boolean>;
  /**
   * The orders in a call held by these nodes, or by no node (claimed before migration 014), become `abandoned`:
   * those calls died with their node. The ids.
   */
  abandonCallsOf(nodeIds: string[], nowIso: string): Promise<string[]>;
  /** The orders in a call held by this node, each with the call holding it. */
  inCall(nodeId: string): Promise<Array<{ id: string; callId: string }>>;
  /** Touches the order if this call holds it: the write that opens a payment's transaction. */
  touchIfHeld(id: string, callId: string, nowIso: string): Promise<boolean>;
  /** This merchant's payable order, not past expiry and with no payment that may have charged, becomes `cancelled`. */
  cancel(id: string, merchantId: string, nowIso: string): Promise<boolean>;
  /** The order becomes `paid` with this card, whatever it was (the money moved), unless it already is. */
  markPaid(id: string, paid: OrderCard & Pick<OrderRow, 'card_fingerprint' | 'acquirer_ref'>, nowIso: string): Promise<boolean>;
  /** A declined card, noted on an order not paid (it stays with its call). */
  noteDecline(id: string, card: OrderCard, reason: string, nowIso: string): Promise<void>;
  /** A payable order (not yet unreachable), not past expiry, becomes `unreachable`. */
  markUnreachable(id: string, nowIso: string): Promise<boolean>;
}

/** Orders with no payment that may have charged without our knowing (UNRESOLVED_STATES). */
function withoutUnresolvedPayment(db: Source) {
  return (query: Knex.QueryBuilder): void => {
    query.whereNotExists(
      db.knex
        .select('payment_attempts.id')
        .from('payment_attempts')
        .whereIn('payment_attempts.state', UNRESOLVED_STATES)
        .whereRaw('payment_attempts.order_id = orders.id'),
    );
  };
}

export function createOrderRepository(db: Source): OrderRepository {
  const orders = () => db.table('orders');
  const noUnresolvedPayment = withoutUnresolvedPayment(db);
  const spendPayCode = () => ({ spent_pay_code: db.knex.raw('??', ['pay_code']), pay_code: null });

  return {
    async insert(row) {
      await orders().insert(row);
    },

    find: (id, merchantId) =>
      orders()
        .where(merchantId === undefined ? { id } : { id, merchant_id: merchantId })
        .first(),

    findByPayCode: (payCode) => orders().where({ pay_code: payCode }).first(),

    findBySpentPayCode: (payCode) => orders().where({ spent_pay_code: payCode }).orderBy('updated_at', 'desc').first(),

    status: (id) => orders().where({ id }).first('status', 'expires_at'),

    amount: (id) => orders().where({ id }).first('amount', 'currency'),

    acquirerRef: (id) => orders().where({ id }).first('acquirer_ref'),

    list(filter) {
      const query = orders().orderBy('created_at', 'desc').orderBy('id', 'desc').limit(filter.limit);
      if (filter.merchantId !== undefined) query.where('merchant_id', filter.merchantId);
      if (filter.status !== undefined) query.where('status', filter.status);
      if (filter.mode !== undefined) query.where('mode', filter.mode);
      if (filter.phone !== undefined) query.whereIn('id', db.knex('callbacks').select('order_id').where('phone', filter.phone));
      return query;
    },

    findForDial: (id) =>
      orders()
        .join('merchants', 'merchants.id', 'orders.merchant_id')
        .where('orders.id', id)
        .first<DialOrderRow | undefined>(
          'orders.status',
          'orders.expires_at',
          'merchants.callback_retry_delays',
          'merchants.callback_hours_start',
          'merchants.callback_hours_end',
          'merchants.callback_time_zone',
        ),

    async findForReminder(id) {
      const row = await orders()
        .join('merchants', 'merchants.id', 'orders.merchant_id')
        .where('orders.id', id)
        .first<ReminderOrderRow | undefined>('orders.pay_code', 'orders.amount', 'merchants.name as merchant_name');
      return row && { ...row, amount: Number(row.amount) };
    },

    async expire(nowIso, scope) {
      const query = orders().whereIn('status', PAYABLE_STATUSES).where('expires_at', '<=', nowIso);
      if (scope.id !== undefined) query.where('id', scope.id);
      if (scope.payCode !== undefined) query.where('pay_code', scope.payCode);
      const expired = await query.update({ ...spendPayCode(), status: 'expired', updated_at: nowIso }, ['id']);
      return expired.map((row) => row.id);
    },

    async claimForCall(by, value, callId, nodeId, nowIso) {
      const count = await orders()
        .where(by, value)
        .whereIn('status', PAYABLE_STATUSES)
        .where('expires_at', '>', nowIso)
        .modify(noUnresolvedPayment)
        .update({ status: 'in_call', in_call_id: callId, in_call_node: nodeId, updated_at: nowIso });
      return count > 0;
    },

    findClaimed: (by, value) =>
      orders()
        .join('merchants', 'merchants.id', 'orders.merchant_id')
        .where(`orders.${by}`, value)
        .first<ClaimedOrderRow | undefined>(
          'orders.*',
          'merchants.name as merchant_name',
          'merchants.require_id_number',
          'merchants.require_mobile',
          'merchants.language as merchant_language',
          'merchants.confirm_card',
          'merchants.greeting_languages',
        ),

    async releaseFromCall(id, callId, status, nowIso) {
      const count = await orders()
        .where({ id, status: 'in_call', in_call_id: callId })
        .update({ status, in_call_id: null, in_call_node: null, updated_at: nowIso });
      return count > 0;
    },

    async abandonCallsOf(nodeIds, nowIso) {
      const abandoned = await orders()
        .where({ status: 'in_call' })
        .where((q) => {
          q.whereIn('in_call_node', nodeIds).orWhereNull('in_call_node');
        })
        .update({ status: 'abandoned', in_call_id: null, in_call_node: null, updated_at: nowIso }, ['id']);
      return abandoned.map((row) => row.id);
    },

    async inCall(nodeId) {
      const rows: Array<{ id: string; in_call_id: string | null }> = await orders()
        .where({ status: 'in_call', in_call_node: nodeId })
        .select('id', 'in_call_id');
      return rows.flatMap((row) => (row.in_call_id ? [{ id: row.id, callId: row.in_call_id }] : []));
    },

    async touchIfHeld(id, callId, nowIso) {
      return (await orders().where({ id, status: 'in_call', in_call_id: callId }).update({ updated_at: nowIso })) > 0;
    },

    async cancel(id, merchantId, nowIso) {
      const count = await orders()
        .where({ id, merchant_id: merchantId })
        .whereIn('status', PAYABLE_STATUSES)
        .where('expires_at', '>', nowIso)
        .modify(noUnresolvedPayment)
        .update({ ...spendPayCode(), status: 'cancelled', updated_at: nowIso });
      return count > 0;
    },

    async markPaid(id, paid, nowIso) {
      const count = await orders()
        .where({ id })
        .whereNot({ status: 'paid' })
        .update({
          ...paid,
          status: 'paid',
          spent_pay_code: db.knex.raw('coalesce(??, ??)', ['pay_code', 'spent_pay_code']),
          pay_code: null,
          in_call_id: null,
          decline_reason: null,
          updated_at: nowIso,
        });
      return count > 0;
    },

    async noteDecline(id, card, reason, nowIso) {
      await orders()
        .where({ id })
        .whereNot({ status: 'paid' })
        .update({ ...card, decline_reason: reason, updated_at: nowIso });
    },

    async markUnreachable(id, nowIso) {
      const count = await orders()
        .where({ id })
        .whereIn(
          'status',
          PAYABLE_STATUSES.filter((s) => s !== 'unreachable'),
        )
        .where('expires_at', '>', nowIso)
        .update({ status: 'unreachable', updated_at: nowIso });
      return count > 0;
    },
  };
}
