import type { PaymentAttemptRow, RefundRow, RefundState } from '../payment-rows';
import type { OrderRow } from '../rows';
import type { Source } from '../source';

/** What a state move of a refund writes besides its state. */
export type RefundMove = Pick<RefundRow, 'state' | 'updated_at'> &
  Partial<Pick<RefundRow, 'response_code' | 'failure_reason' | 'acquirer_ref' | 'resolved_at'>>;

export interface RefundFilter {
  merchantId?: string;
  orderId?: string;
  state?: RefundState;
  limit: number;
}

/**
 * The `refunds` table (migration 007), and the order's refund totals it keeps: each change of them is one
 * conditional UPDATE, so concurrent refunds of one order can never reserve more than it was paid.
 */
export interface RefundRepository {
  insert(row: RefundRow): Promise<void>;
  find(id: string, merchantId?: string): Promise<RefundRow | undefined>;
  findByAcquirerOrderId(acquirerOrderId: string): Promise<RefundRow | undefined>;
  /** Oldest first. */
  listForOrders(orderIds: readonly string[]): Promise<RefundRow[]>;
  /** Newest first. */
  list(filter: RefundFilter): Promise<RefundRow[]>;
  /** Refunds in these states created before `createdBefore`, oldest first (recovery). */
  listStale(states: readonly RefundState[], createdBefore: string): Promise<RefundRow[]>;
  /** Moves the refund if its state is one of `from`; whether this call did (of two racing writers, exactly one). */
  move(id: string, from: readonly RefundState[], move: RefundMove): Promise<boolean>;
  /** A cancel not yet sent becomes a refund under a new acquirer order id and txnTime, while still pending. */
  becomeRefund(id: string, acquirerOrderId: string, txnTime: string, nowIso: string): Promise<boolean>;
  /**
   * Reserves `amount` fen of this merchant's paid order for a refund: only while `amount - refund_reserved`
   * still covers it. Whether it did.
   */
  reserve(orderId: string, merchantId: string, amount: number, nowIso: string): Promise<boolean>;
  /** A failed refund gives its reservation back. */
  release(orderId: string, amount: number, nowIso: string): Promise<void>;
  /** A succeeded refund counts as refunded for good (its reservation stays). */
  addRefunded(orderId: string, amount: number, nowIso: string): Promise<void>;
  /** The approved payment whose serial the order carries: what a refund reverses. */
  paidAttempt(order: Pick<OrderRow, 'id' | 'acquirer_ref'>): Promise<PaymentAttemptRow | undefined>;
}

/** SQLite gives integers back as numbers, PostgreSQL's bigint as strings: rows leave the store with numbers. */
function withAmount(row: RefundRow): RefundRow {
  return { ...row, amount: Number(row.amount) };
}

export function createRefundRepository(db: Source): RefundRepository {
  const refunds = () => db.table('refunds');
  const orders = () => db.table('orders');
  return {
    async insert(row) {
      await refunds().insert(row);
    },

    async find(id, merchantId) {
      const row = await refunds()
        .where(merchantId === undefined ? { id } : { id, merchant_id: merchantId })
        .first();
      return row && withAmount(row);
    },

    async findByAcquirerOrderId(acquirerOrderId) {
      const row = await refunds().where({ acquirer_order_id: acquirerOrderId }).first();
      return row && withAmount(row);
    },

    async listForOrders(orderIds) {
      if (orderIds.length === 0) return [];
      return (await refunds().whereIn('order_id', orderIds).orderBy('created_at').orderBy('id')).map(withAmount);
    },

    async list(filter) {
      const query = refunds().orderBy('created_at', 'desc').orderBy('id', 'desc').limit(filter.limit);
      if (filter.merchantId !== undefined) query.where('merchant_id', filter.merchantId);
      if (filter.orderId !== undefined) query.where('order_id', filter.orderId);
      if (filter.state !== undefined) query.where('state', filter.state);
      return (await query).map(withAmount);
    },

    async listStale(states, createdBefore) {
      return (await refunds().whereIn('state', states).where('created_at', '<', createdBefore).orderBy('created_at')).map(
        withAmount,
      );
    },

    async move(id, from, move) {
      return (await refunds().where({ id }).whereIn('state', from).update(move)) > 0;
    },

    async becomeRefund(id, acquirerOrderId, txnTime, nowIso) {
      const count = await refunds()
        .where({ id, kind: 'cancel', state: 'pending' })
        .update({ kind: 'refund', acquirer_order_id: acquirerOrderId, txn_time: txnTime, updated_at: nowIso });
      return count > 0;
    },

    async reserve(orderId, merchantId, amount, nowIso) {
      const count = await orders()
        .where({ id: orderId, merchant_id: merchantId, status: 'paid' })
        .whereRaw('?? - ?? >= ?', ['amount', 'refund_reserved', amount])
        .update({ refund_reserved: db.knex.raw('?? + ?', ['refund_reserved', amount]), updated_at: nowIso });
      return count > 0;
    },

    async release(orderId, amount, nowIso) {
      await orders()
        .where({ id: orderId })
        .update({ refund_reserved: db.knex.raw('?? - ?', ['refund_reserved', amount]), updated_at: nowIso });
    },

    async addRefunded(orderId, amount, nowIso) {
      await orders()
        .where({ id: orderId })
        .update({ refunded_amount: db.knex.raw('?? + ?', ['refunded_amount', amount]), updated_at: nowIso });
    },

    async paidAttempt(order) {
      if (!order.acquirer_ref) return undefined;
      const row = await db
        .table('payment_attempts')
        .where({ order_id: order.id, state: 'approved', acquirer_ref: order.acquirer_ref })
        .first();
      return row && { ...row, amount: Number(row.amount) };
    },
  };
}
