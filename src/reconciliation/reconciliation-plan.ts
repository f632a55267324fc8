import type { ReconciliationItemKind, ReconciliationResolution } from '../store/reconciliation-rows';

/** What a run settles from the file; applied after the whole file was read and matched, in one transaction. */
export type SettleAction =
  | { kind: 'pay'; attemptId: string; acquirerRef: string }
  | { kind: 'not_charged'; attemptId: string }
  | { kind: 'refund'; refundId: string; succeeded: boolean; acquirerRef?: string };

/** One item of the report, as matching found it. No card data beyond BIN and last four. */
export interface PlannedItem {
  kind: ReconciliationItemKind;
  lineNo?: number;
  txnType?: string;
  queryId?: string;
  acquirerOrderId?: string;
  fileAmount?: number;
  fee?: number;
  cardMasked?: string;
  recordType?: 'payment' | 'refund';
  recordId?: string;
  ourAmount?: number;
  ourState?: string;
  resolution?: ReconciliationResolution;
  note?: string;
  action?: SettleAction;
}

/** The kinds that are discrepancies: each is reported and alerted. */
export const DISCREPANCY_KINDS: readonly ReconciliationItemKind[] = [
  'acquirer_only',
  'ours_only',
  'amount_mismatch',
  'state_mismatch',
];
