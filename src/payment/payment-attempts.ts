import type { AttemptRef } from '../acquirer/acquirer-port';
import { statesBefore, type AttemptState } from '../domain/payment-attempt-state';
import type { PaymentAttemptRow } from '../store/payment-rows';
import type { Repositories } from '../store/store';

const FINAL: readonly AttemptState[] = ['approved', 'declined', 'not_sent', 'not_found'];

export interface AttemptChanges {
  response_code?: string | null;
  decline_reason?: string | null;
  acquirer_ref?: string | null;
}

/**
 * Moves an attempt to `to` if it stands where `to` may be reached from: one conditional UPDATE, so of
 * two writers racing (answer, query, notification, recovery) exactly one moves it. Returns whether
 * this call moved it. Run it first in a transaction: it takes SQLite's write lock at once.
 */
export async function moveAttempt(
  store: Pick<Repositories, 'paymentAttempts'>,
  id: string,
  to: AttemptState,
  at: Date,
  changes: AttemptChanges = {},
): Promise<boolean> {
  const nowIso = at.toISOString();
  const defined = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)) as AttemptChanges;
  return store.paymentAttempts.move(id, statesBefore(to), {
    ...defined,
    state: to,
    updated_at: nowIso,
    ...(FINAL.includes(to) ? { resolved_at: nowIso } : {}),
  });
}

/** What the acquirer knows the attempt by (all of it persisted before anything was sent). */
export function attemptRef(row: Pick<PaymentAttemptRow, 'order_id' | 'id' | 'txn_time' | 'card_kind'>): AttemptRef {
  return { orderId: row.order_id, attemptId: row.id, txnTime: row.txn_time, cardKind: row.card_kind };
}
