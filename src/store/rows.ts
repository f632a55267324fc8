/** Rows as SQLite returns them (booleans as 0/1, timestamps as ISO strings). */

export interface MerchantRow {
  id: string;
  name: string;
  api_key_hash: string;
  api_key_prefix: string;
  require_id_number: number | boolean;
  require_mobile: number | boolean;
  created_at: string;
  /** PEM of the request-signing certificate (migration 002); null when the merchant does not sign. */
  signing_certificate?: string | null;
}

export interface OrderRow {
  id: string;
  merchant_id: string;
  merchant_order_id: string;
  amount: number;
  currency: 'CNY';
  description: string;
  mode: 'inbound' | 'callback';
  status: string;
  pay_code: string | null;
  spent_pay_code: string | null;
  expires_at: string;
  card_masked: string | null;
  card_bank: string | null;
  card_kind: string | null;
  decline_reason: string | null;
  acquirer_ref: string | null;
  in_call_id: string | null;
  /** Where order events are POSTed (migration 003); null when the merchant gave none. */
  notify_url?: string | null;
  created_at: string;
  updated_at: string;
}

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
