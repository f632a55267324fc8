/** A reconciliation_runs row (migration 008): one per settlement date, replaced by a repeated run. */
export interface ReconciliationRunRow {
  settle_date: string;
  source: 'acquirer' | 'dir' | 'file';
  file_name: string;
  file_sha256: string;
  line_count: number;
  matched: number;
  discrepancies: number;
  resolved: number;
  fee_total: number;
  settle_total: number;
  run_count: number;
  first_run_at: string;
  last_run_at: string;
}

export type ReconciliationItemKind =
  'matched' | 'acquirer_only' | 'ours_only' | 'amount_mismatch' | 'state_mismatch' | 'resolved';
export type ReconciliationResolution = 'paid' | 'not_charged' | 'refund_succeeded' | 'refund_failed';

/** A reconciliation_items row (migration 008). No card data beyond BIN and last four. */
export interface ReconciliationItemRow {
  id: number;
  settle_date: string;
  kind: ReconciliationItemKind;
  line_no: number | null;
  txn_type: string | null;
  query_id: string | null;
  acquirer_order_id: string | null;
  file_amount: number | null;
  fee: number | null;
  card_masked: string | null;
  record_type: 'payment' | 'refund' | null;
  record_id: string | null;
  our_amount: number | null;
  our_state: string | null;
  resolution: ReconciliationResolution | null;
  note: string | null;
}
