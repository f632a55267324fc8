import type { Logger } from 'pino';
import { errorSummary } from '../log/error-summary';
import type { PlannedItem } from './reconciliation-plan';
import type { RefundSettler } from './refund-settler';

/** Gives each refund the file settled its final word, through the refunds feature; a failure is alerted, not fatal. */
export async function settleRefunds(settler: RefundSettler, items: readonly PlannedItem[], log: Logger): Promise<void> {
  for (const item of items) {
    const action = item.action;
    if (action?.kind !== 'refund') continue;
    try {
      await settler.settle(action.refundId, {
        succeeded: action.succeeded,
        ...(action.acquirerRef ? { acquirerRef: action.acquirerRef, responseCode: '00' } : {}),
      });
    } catch (err) {
      log.error(
        { alert: 'reconciliation_refund_unsettled', refundId: action.refundId, err: errorSummary(err) },
        'refund not settled',
      );
    }
  }
}
