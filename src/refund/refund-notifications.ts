import type { AcquirerNotification } from '../acquirer/acquirer-port';
import type { ServiceDeps } from '../services/service-deps';
import { settleRefundIn } from './settle-refund';

export type ReversalReceipt =
  | { status: 'applied'; changed: boolean }
  | { status: 'duplicate' }
  | { status: 'ignored' }
  | { status: 'rejected'; reason: string };

/**
 * The acquirer's notifications of cancels and refunds (verified by the payment notifications first): the refund
 * with that acquirer order id and txnTime is settled once per serial, through the same idempotent settlement as
 * answers and queries, so order and repetition do not matter.
 */
export function createRefundNotifications(deps: ServiceDeps) {
  const log = deps.log.child({ component: 'refund-notifications' });
  return {
    async receive(n: AcquirerNotification): Promise<ReversalReceipt> {
      const ids = { acpOrderId: n.acquirerOrderId, queryId: n.acquirerRef, respCode: n.responseCode, txnType: n.txnType };
      const refund = await deps.store.refunds.findByAcquirerOrderId(n.acquirerOrderId);
      if (!refund || refund.txn_time !== n.txnTime) {
        log.info(ids, 'notification of a cancel or refund we did not send: ignored');
        return { status: 'ignored' };
      }
      if (n.amount !== undefined && n.amount !== refund.amount) {
        log.error(
          { ...ids, alert: 'notification_amount_mismatch', refundId: refund.id, amount: refund.amount, notified: n.amount },
          'notification amount differs from the refund',
        );
        return { status: 'rejected', reason: 'amount_mismatch' };
      }
      const result = n.result(undefined);
      if (result.outcome === 'pending' || result.outcome === 'not_found' || result.outcome === 'unavailable') {
        return { status: 'ignored' };
      }
      const receipt = await deps.store.transaction(async (tx): Promise<ReversalReceipt> => {
        const first = await tx.acquirerNotifications.insertOnce({
          query_id: n.acquirerRef,
          attempt_id: refund.id,
          txn_type: n.txnType,
          resp_code: n.responseCode,
          received_at: deps.now().toISOString(),
        });
        if (!first) return { status: 'duplicate' };
        const succeeded = result.outcome === 'approved';
        const settled = await settleRefundIn(
          tx,
          refund.id,
          { succeeded, acquirerRef: n.acquirerRef, responseCode: n.responseCode },
          deps.now(),
          log,
        );
        return { status: 'applied', changed: settled.changed };
      });
      log.info({ ...ids, refundId: refund.id, ...receipt }, 'refund notification received');
      return receipt;
    },
  };
}

export type RefundNotifications = ReturnType<typeof createRefundNotifications>;
