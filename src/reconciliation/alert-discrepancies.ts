import type { Logger } from 'pino';
import type { ReconciliationItemRow } from '../store/reconciliation-rows';
import { DISCREPANCY_KINDS } from './reconciliation-plan';

/**
 * One `alert` log line per discrepancy (as src/payment does for payments to look at: `alert` names what happened),
 * with ids, amounts and states only: never card data, not even the masked number.
 */
export function alertDiscrepancies(items: readonly ReconciliationItemRow[], log: Logger): void {
  for (const i of items) {
    if (!DISCREPANCY_KINDS.includes(i.kind)) continue;
    log.error(
      {
        alert: `reconciliation_${i.kind}`,
        lineNo: i.line_no,
        txnType: i.txn_type,
        queryId: i.query_id,
        acquirerOrderId: i.acquirer_order_id,
        recordType: i.record_type,
        recordId: i.record_id,
        fileAmount: i.file_amount,
        ourAmount: i.our_amount,
        ourState: i.our_state,
        note: i.note,
      },
      `reconciliation: ${i.kind.replace('_', ' ')}`,
    );
  }
}
