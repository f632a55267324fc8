import type { Logger } from 'pino';
import { applyOutcomeIn } from '../payment/payment-outcome';
import type { NewReconciliationItem } from '../store/repositories/reconciliation-run-repository';
import type { Repositories } from '../store/store';
import type { PlannedItem } from './reconciliation-plan';

/**
 * Settles the planned payments inside `tx`, through the payment outcome code a notification uses: an approval marks
 * the order paid and queues order.paid with it; "not found" leaves the order payable again. Moves are forward only,
 * so an attempt another writer settled meanwhile is left as it is (and no second event is queued).
 */
export async function applyPaymentActions(tx: Repositories, items: readonly PlannedItem[], at: Date, log: Logger): Promise<void> {
  for (const item of items) {
    const action = item.action;
    if (action?.kind === 'pay') {
      const result = { outcome: 'approved' as const, acquirerRef: action.acquirerRef, responseCode: '00' };
      await applyOutcomeIn(tx, action.attemptId, result, at, log.child({ attemptId: action.attemptId }));
    } else if (action?.kind === 'not_charged') {
      await applyOutcomeIn(tx, action.attemptId, { outcome: 'not_found' }, at, log.child({ attemptId: action.attemptId }));
    }
  }
}

/** A planned item as a reconciliation_items row. */
export function itemRow(settleDate: string, i: PlannedItem): NewReconciliationItem {
  return {
    settle_date: settleDate,
    kind: i.kind,
    line_no: i.lineNo ?? null,
    txn_type: i.txnType ?? null,
    query_id: i.queryId ?? null,
    acquirer_order_id: i.acquirerOrderId ?? null,
    file_amount: i.fileAmount ?? null,
    fee: i.fee ?? null,
    card_masked: i.cardMasked ?? null,
    record_type: i.recordType ?? null,
    record_id: i.recordId ?? null,
    our_amount: i.ourAmount ?? null,
    our_state: i.ourState ?? null,
    resolution: i.resolution ?? null,
    note: i.note ?? null,
  };
}
