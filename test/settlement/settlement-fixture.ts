import type { Knex } from 'knex';
import type { CardKind } from '../../src/domain/card-kind';
import type { AttemptState } from '../../src/domain/payment-attempt-state';
import type { RefundState } from '../../src/store/payment-rows';

// Rows written straight into the store, as the payment and refund features would leave them: settlement only
// reads them. Masked numbers only (test/zz-card-data-scan.test.ts).

let serial = 0;
const next = (prefix: string) => `${prefix}_${(++serial).toString(16).padStart(20, '0')}`;

export async function insertMerchant(db: Knex, name: string): Promise<string> {
  const id = next('mer');
  await db('merchants').insert({ id, name, api_key_hash: id, api_key_prefix: 'x', created_at: '2026-01-01T00:00:00.000Z' });
  return id;
}

export interface PaymentSpec {
  merchantId: string;
  amount: number;
  cardKind: CardKind;
  state: AttemptState;
  /** When it became final (null while unresolved). */
  resolvedAt: string | null;
}

/** An order with one call and one payment attempt; returns the ids. */
export async function insertPayment(db: Knex, p: PaymentSpec): Promise<{ orderId: string; attemptId: string }> {
  const orderId = next('ord');
  const callAttemptId = next('oat');
  const attemptId = next('pat');
  const at = p.resolvedAt ?? '2026-03-01T00:00:00.000Z';
  await db('orders').insert({
    id: orderId,
    merchant_id: p.merchantId,
    merchant_order_id: orderId,
    amount: p.amount,
    currency: 'CNY',
    mode: 'inbound',
    status: p.state === 'approved' ? 'paid' : 'declined',
    expires_at: at,
    created_at: at,
    updated_at: at,
  });
  await db('order_attempts').insert({
    id: callAttemptId,
    order_id: orderId,
    call_id: `call-${orderId}`,
    started_at: at,
    outcome: 'paid',
  });
  await db('payment_attempts').insert({
    id: attemptId,
    order_id: orderId,
    order_attempt_id: callAttemptId,
    call_id: `call-${orderId}`,
    amount: p.amount,
    currency: 'CNY',
    txn_time: '20260301160000',
    card_masked: '621626*********0018',
    card_bank: 'pab',
    card_kind: p.cardKind,
    state: p.state,
    created_at: at,
    updated_at: at,
    resolved_at: p.resolvedAt,
  });
  return { orderId, attemptId };
}

export interface RefundSpec {
  merchantId: string;
  orderId: string;
  attemptId: string;
  amount: number;
  kind: 'cancel' | 'refund';
  state: RefundState;
  resolvedAt: string | null;
}

export async function insertRefund(db: Knex, r: RefundSpec): Promise<string> {
  const id = next('rfd');
  const at = r.resolvedAt ?? '2026-03-01T00:00:00.000Z';
  await db('refunds').insert({
    id,
    order_id: r.orderId,
    merchant_id: r.merchantId,
    kind: r.kind,
    amount: r.amount,
    currency: 'CNY',
    reason: '退货',
    payment_attempt_id: r.attemptId,
    orig_query_id: '2026030116000000001',
    acquirer_order_id: id.replace(/_/g, ''),
    txn_time: '20260302100000',
    state: r.state,
    created_at: at,
    updated_at: at,
    resolved_at: r.resolvedAt,
  });
  return id;
}

export async function insertLeg(
  db: Knex,
  leg: { merchantId: string; direction: 'inbound' | 'outbound'; startedAt: string; answeredAt: string | null; endedAt: string },
): Promise<string> {
  const id = next('leg');
  await db('call_legs').insert({
    id,
    direction: leg.direction,
    merchant_id: leg.merchantId,
    started_at: leg.startedAt,
    answered_at: leg.answeredAt,
    ended_at: leg.endedAt,
    outcome: leg.answeredAt ? 'paid' : 'unanswered',
  });
  return id;
}
