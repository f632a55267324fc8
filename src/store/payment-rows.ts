import type { CardKind } from '../domain/card-kind';
import type { AttemptState } from '../domain/payment-attempt-state';

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

/** An acquirer notification already applied, kept by its serial (queryId) so a resent one changes nothing. */
export interface AcquirerNotificationRow {
  query_id: string;
  attempt_id: string;
  txn_type: string;
  resp_code: string;
  received_at: string;
}

export type RefundKind = 'cancel' | 'refund';
export type RefundState = 'pending' | 'unknown' | 'succeeded' | 'failed';

/** A refunds row (migration 007): a same-day cancel (ACP 31) or a refund (04) of a paid order. No card data. */
export interface RefundRow {
  id: string;
  order_id: string;
  merchant_id: string;
  kind: RefundKind;
  amount: number;
  currency: 'CNY';
  reason: string;
  payment_attempt_id: string;
  orig_query_id: string;
  acquirer_order_id: string;
  txn_time: string;
  state: RefundState;
  response_code: string | null;
  failure_reason: string | null;
  acquirer_ref: string | null;
  created_at: string;
  updated_at: string;
  resolved_at: string | null;
}
