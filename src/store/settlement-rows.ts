/** Rows of migration 009: fee plans, call legs and the settlement journal. Amounts in integer fen. */

export interface FeePlanRow {
  merchant_id: string;
  opening_fee: number;
  annual_fee_per_account: number;
  settlement_accounts: number;
  debit_rate_bps: number;
  debit_min_fee: number;
  debit_max_fee: number;
  credit_rate_bps: number;
  credit_min_fee: number;
  credit_max_fee: number;
  inbound_per_minute: number;
  outbound_per_minute: number;
  /** YYYY-MM-DD, Beijing. */
  starts_on: string;
  created_at: string;
  updated_at: string;
}

export type LegDirection = 'inbound' | 'outbound';

/** One leg of a call (a call detail record): the basis of communication fees and line-usage reports. */
export interface CallLegRow {
  id: string;
  direction: LegDirection;
  merchant_id: string | null;
  order_id: string | null;
  started_at: string;
  answered_at: string | null;
  ended_at: string | null;
  outcome: string | null;
}

export interface SettlementBatchRow {
  id: string;
  merchant_id: string;
  settlement_date: string;
  business_date: string;
  gross: number;
  refunds: number;
  transaction_fees: number;
  communication_fees: number;
  annual_fees: number;
  opening_fees: number;
  net: number;
  created_at: string;
}

export type EntryKind = 'payment' | 'refund' | 'transaction_fee' | 'communication_fee' | 'annual_fee' | 'opening_fee';

/** One journal line: `amount` moves from `credit_account` to `debit_account`, so every line balances alone. */
export interface SettlementEntryRow {
  id: number;
  batch_id: string;
  merchant_id: string;
  source_kind: EntryKind;
  source_id: string;
  debit_account: string;
  credit_account: string;
  amount: number;
  order_id: string | null;
  occurred_at: string;
  memo: string;
}
