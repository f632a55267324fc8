/** Rows as SQLite returns them (booleans as 0/1, timestamps as ISO strings). */

import type { Language } from '../domain/language';
import type { OrderMode, OrderStatus } from '../domain/order-status';

export interface MerchantRow {
  id: string;
  name: string;
  api_key_hash: string;
  api_key_prefix: string;
  require_id_number: number | boolean;
  require_mobile: number | boolean;
  created_at: string;
  /** PEM of the request-signing certificate (migration 002); null when the merchant does not sign. */
  signing_certificate: string | null;
  /** Sealed webhook secrets (migration 003, src/notify/secret-box.ts); null for merchants created before them. */
  webhook_secret: string | null;
  webhook_secret_previous: string | null;
  webhook_secret_previous_until: string | null;
  /** Callback settings (migration 004); null columns take the defaults. */
  callback_retry_delays: string | null;
  callback_hours_start: string | null;
  callback_hours_end: string | null;
  callback_time_zone: string | null;
  /** The language of this merchant's calls (migration 010); null: DEFAULT_LANGUAGE. */
  language: Language | null;
  /** Whether an inbound caller who leaves an order unpaid gets an SMS reminder (migration 011); off by default. */
  abandoned_call_sms: number | boolean;
  /** Callers key the card number twice (migration 012). */
  confirm_card: number | boolean;
  /** Languages of the merchant's recorded greeting, e.g. 'en,zh' (migration 012); null when it has none. */
  greeting_languages: string | null;
}

export interface OrderRow {
  id: string;
  merchant_id: string;
  merchant_order_id: string;
  amount: number;
  currency: 'CNY';
  description: string;
  mode: OrderMode;
  status: OrderStatus;
  pay_code: string | null;
  spent_pay_code: string | null;
  expires_at: string;
  card_masked: string | null;
  card_bank: string | null;
  card_kind: string | null;
  /** Keyed fingerprint of the paying card (migration 006); never the number. */
  card_fingerprint: string | null;
  decline_reason: string | null;
  acquirer_ref: string | null;
  in_call_id: string | null;
  /** The node whose Stasis app holds the call (migration 014); null when claimed before it. */
  in_call_node: string | null;
  /** Where order events are POSTed (migration 003); null when the merchant gave none. */
  notify_url: string | null;
  /** Fen reserved by refunds that have not failed (migration 007); never above `amount`. */
  refund_reserved: number;
  /** Fen refunded for good (succeeded refunds). */
  refunded_amount: number;
  /** The language of this order's calls (migration 010); null: its merchant's. */
  language: Language | null;
  created_at: string;
  updated_at: string;
}

/** An order_attempts row: one call that held the order. */
export interface AttemptRow {
  id: string;
  order_id: string;
  call_id: string;
  started_at: string;
  ended_at: string | null;
  outcome: string;
  payment_count: number;
  card_masked: string | null;
  card_bank: string | null;
  card_kind: string | null;
  decline_reason: string | null;
  response_code: string | null;
}

export interface BankRow {
  code: string;
  status: string;
  updated_at: string;
}

/** One Idempotency-Key of one merchant (migration 002). */
export interface IdempotencyRow {
  merchant_id: string;
  idempotency_key: string;
  request_hash: string;
  status: 'in_flight' | 'done';
  response_status: number | null;
  response_body: string | null;
  created_at: string;
}

/** What the running service last saw on its lines (migration 004), for the admin CLI. */
export interface LineUsageRow {
  id: string;
  inbound: number;
  outbound: number;
  updated_at: string;
}
