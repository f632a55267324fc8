import type { PaymentAttemptRow, RefundRow } from '../store/payment-rows';
import type { ReconciliationResolution } from '../store/reconciliation-rows';
import type { SettlementWindow } from './settlement-window';

/** Our side of a day: the payments and refunds a file is matched against. */
export interface OurRecords {
  payments: readonly PaymentAttemptRow[];
  refunds: readonly RefundRow[];
}

export interface MatchOptions {
  /** The transactions the file covers (settlement-window.ts). */
  window: SettlementWindow;
  /** The acquirer's orderId of a payment attempt (AcquirerPort adapters derive it from the attempt id). */
  acquirerOrderIdOf: (attemptId: string) => string;
  /** A refund `pending` since before this ISO instant has outlived its query schedule: the file decides it. */
  pendingBefore: string;
  /** What an earlier run of the date settled, by record id: a repeated run reports it again, the same. */
  previous: ReadonlyMap<string, ReconciliationResolution>;
}
