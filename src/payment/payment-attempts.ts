import type { Knex } from 'knex';
import type { AttemptRef } from '../acquirer/acquirer-port';
import type { CardKind } from '../domain/card-kind';
import { statesBefore, UNRESOLVED_STATES, type AttemptState } from '../domain/payment-attempt-state';

/** A payment_attempts row (migration 005). No card data: masked number, bank and kind only. */
export interface PaymentAttemptRow {
  id: string;
  order_id: string;
  order_attempt_id: string;
  call_id: string;
  amount: number;
  currency: 'CNY';
  txn_time: string;
  card_masked: string;
  card_bank: string;
  card_kind: CardKind;
  /** Keyed fingerprint of the card number (src/crypto/card-fingerprint.ts); null on rows from before it. */
  card_fingerprint: string | null;
  state: AttemptState;
  response_code: string | null;
  decline_reason: string | null;
  acquirer_ref: string | null;
  created_at: string;
  updated_at: string;
  resolved_at: string | null;
}

const FINAL: readonly AttemptState[] = ['approved', 'declined', 'not_sent', 'not_found'];

export interface AttemptChanges {
  response_code?: string | null;
  decline_reason?: string | null;
  acquirer_ref?: string | null;
}

/**
 * Moves an attempt to `to` if it stands where `to` may be reached from: one conditional UPDATE, so
 * of two writers racing (answer, query, notification, recovery) exactly one moves it. Returns
 * whether this call moved it. Run it first in a transaction: it takes SQLite's write lock at once.
 */
export async function moveAttempt(
  db: Knex | Knex.Transaction,
  id: string,
  to: AttemptState,
  at: Date,
  changes: AttemptChanges = {},
): Promise<boolean> {
  const nowIso = at.toISOString();
  const defined = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined));
  const count = await db('payment_attempts')
    .where({ id })
    .whereIn('state', statesBefore(to))
    .update({ ...defined, state: to, updated_at: nowIso, ...(FINAL.includes(to) ? { resolved_at: nowIso } : {}) });
  return count > 0;
}

export async function findAttempt(db: Knex | Knex.Transaction, id: string): Promise<PaymentAttemptRow | undefined> {
  const row: PaymentAttemptRow | undefined = await db('payment_attempts').where({ id }).first();
  return row && { ...row, amount: Number(row.amount) };
}

/** What the acquirer knows the attempt by (all of it persisted before anything was sent). */
export function attemptRef(row: Pick<PaymentAttemptRow, 'order_id' | 'id' | 'txn_time' | 'card_kind'>): AttemptRef {
  return { orderId: row.order_id, attemptId: row.id, txnTime: row.txn_time, cardKind: row.card_kind };
}

/** Payment attempts that may have charged without our knowing (UNRESOLVED_STATES). */
function unresolvedAttempts(query: Knex.QueryBuilder): Knex.QueryBuilder {
  return query.select('payment_attempts.id').from('payment_attempts').whereIn('payment_attempts.state', UNRESOLVED_STATES);
}

/**
 * Narrows an `orders` query to orders with no payment that may have charged without our knowing
 * (UNRESOLVED_STATES): such an order must not be claimed for another payment until it is resolved.
 */
export function withoutUnresolvedPayment(query: Knex.QueryBuilder): Knex.QueryBuilder {
  return query.whereNotExists(function unresolved() {
    unresolvedAttempts(this).whereRaw('payment_attempts.order_id = orders.id');
  });
}

/** Whether this order has such a payment (see withoutUnresolvedPayment). */
export async function hasUnresolvedPayment(db: Knex, orderId: string): Promise<boolean> {
  return (await unresolvedAttempts(db.queryBuilder()).where('payment_attempts.order_id', orderId).first()) !== undefined;
}
