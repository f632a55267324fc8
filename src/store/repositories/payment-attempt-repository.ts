import { UNRESOLVED_STATES, type AttemptState } from '../../domain/payment-attempt-state';
import type { PaymentAttemptRow } from '../payment-rows';
import type { Source } from '../source';
import { tally } from '../tally';

/** What a state move of an attempt writes besides its state. */
export type AttemptMove = Pick<PaymentAttemptRow, 'state' | 'updated_at'> &
  Partial<Pick<PaymentAttemptRow, 'response_code' | 'decline_reason' | 'acquirer_ref' | 'resolved_at'>>;

/** The `payment_attempts` table (exactly-once charging: the attempt is written before its consume is sent). */
export interface PaymentAttemptRepository {
  insert(row: PaymentAttemptRow): Promise<void>;
  find(id: string): Promise<PaymentAttemptRow | undefined>;
  /**
   * Moves the attempt if its state is one of `from`: one conditional UPDATE, so of two writers racing (answer,
   * query, notification, recovery) exactly one moves it. Returns whether this call did.
   */
  move(id: string, from: readonly AttemptState[], move: AttemptMove): Promise<boolean>;
  /** The attempts sent with this txnTime (how the acquirer's notifications name them, with the order id). */
  findByTxnTime(txnTime: string): Promise<PaymentAttemptRow[]>;
  /** Whether the attempt is this call's, on this order. */
  isCallsAttempt(id: string, orderId: string, callId: string): Promise<boolean>;
  /**
   * Attempts in these states, oldest first, leaving out those of orders held by a call (`in_call`): that call, on
   * this node or another, is settling them; its order is released when it ends, or when its node is taken for dead.
   */
  listInStatesOutsideCalls(states: readonly AttemptState[]): Promise<PaymentAttemptRow[]>;
  /** `prepared` attempts created before `createdBefore` become `not_sent` (their consume was never sent). */
  abandonPrepared(createdBefore: string, nowIso: string): Promise<void>;
  /** Whether the order has a payment that may have charged without our knowing (UNRESOLVED_STATES). */
  hasUnresolved(orderId: string): Promise<boolean>;
  /** How many attempts are in each of `states`: one GROUP BY over the state index, read by the metrics at scrape time. */
  countInStates<S extends AttemptState>(states: readonly S[]): Promise<Record<S, number>>;
}

/** SQLite gives integers back as numbers, PostgreSQL's bigint as strings: rows leave the store with numbers. */
function withAmount(row: PaymentAttemptRow): PaymentAttemptRow {
  return { ...row, amount: Number(row.amount) };
}

export function createPaymentAttemptRepository(db: Source): PaymentAttemptRepository {
  const attempts = () => db.table('payment_attempts');
  return {
    async insert(row) {
      await attempts().insert(row);
    },

    async find(id) {
      const row = await attempts().where({ id }).first();
      return row && withAmount(row);
    },

    async move(id, from, move) {
      return (await attempts().where({ id }).whereIn('state', from).update(move)) > 0;
    },

    async findByTxnTime(txnTime) {
      return (await attempts().where({ txn_time: txnTime })).map(withAmount);
    },

    async isCallsAttempt(id, orderId, callId) {
      return (await attempts().where({ id, order_id: orderId, call_id: callId }).first('id')) !== undefined;
    },

    async listInStatesOutsideCalls(states) {
      const held = db.knex('orders').select('id').where({ status: 'in_call' });
      return (await attempts().whereIn('state', states).whereNotIn('order_id', held).orderBy('created_at')).map(withAmount);
    },

    async abandonPrepared(createdBefore, nowIso) {
      await attempts()
        .where({ state: 'prepared' })
        .where('created_at', '<', createdBefore)
        .update({ state: 'not_sent', updated_at: nowIso, resolved_at: nowIso });
    },

    async hasUnresolved(orderId) {
      const row = await attempts().select('id').whereIn('state', UNRESOLVED_STATES).where('order_id', orderId).first();
      return row !== undefined;
    },

    async countInStates(states) {
      const rows = await attempts().whereIn('state', states).groupBy('state').select({ key: 'state' }).count({ n: '*' });
      return tally(states, rows);
    },
  };
}
