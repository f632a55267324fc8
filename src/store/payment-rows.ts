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
