import type { AcquirerNotification, NotificationVerdict } from '../acquirer/acquirer-port';
import type { PaymentAttemptRow } from '../store/payment-rows';
import { applyOutcomeIn } from './payment-outcome';
import type { ServiceDeps } from '../services/service-deps';

export type NotificationReceipt =
  /** Verified; `changed` when it moved the attempt (a late or repeated word changes nothing). */
  | { status: 'applied'; changed: boolean }
  /** Seen before (same queryId): already applied. */
  | { status: 'duplicate' }
  /** Verified, but nothing for us to apply (a pending code, or a cancel or refund we did not send). */
  | { status: 'ignored' }
  | { status: 'rejected'; reason: string };

export interface PaymentNotificationDeps extends ServiceDeps {
  /** Verifies a body as POSTed (AcquirerPort.parseNotification): chain, signature, merchant, age. */
  parse(body: string): NotificationVerdict;
  /** Where a verified notification of a cancel or refund goes (src/refund); ignored without it. */
  reversals?: { receive(n: AcquirerNotification): Promise<NotificationReceipt> };
}

/**
 * The acquirer's asynchronous word on a consume (backUrl). Nothing is read from a body before it
 * verifies; rejections are logged with the reason only, never the body (it names a masked card at
 * best, but a forged one could carry anything). A verified final result applies once per queryId,
 * through the same forward-only moves as answers and queries, so order and repetition do not matter.
 */
export function createPaymentNotifications(deps: PaymentNotificationDeps) {
  const log = deps.log.child({ component: 'acquirer-notifications' });

  async function findAttempt(n: AcquirerNotification): Promise<PaymentAttemptRow | undefined> {
    // The acquirer names the attempt (AcquirerNotification.names); txnTime narrows the search.
    const rows = await deps.store.paymentAttempts.findByTxnTime(n.txnTime);
    return rows.find((r) => n.names(r.id));
  }

  function reject(reason: string, extra: Record<string, unknown> = {}): NotificationReceipt {
    log.warn({ reason, ...extra }, 'acquirer notification rejected');
    return { status: 'rejected', reason };
  }

  return {
    async receive(body: string): Promise<NotificationReceipt> {
      const verdict = deps.parse(body);
      if (!verdict.ok) return reject(verdict.reason, { bytes: body.length });
      const n = verdict.notification;
      const ids = { acpOrderId: n.acquirerOrderId, queryId: n.acquirerRef, respCode: n.responseCode };
      if (!n.isPayment && deps.reversals) return deps.reversals.receive(n);
      if (!n.isPayment) {
        log.info({ ...ids, txnType: n.txnType }, 'acquirer notification for a transaction we do not settle: ignored');
        return { status: 'ignored' };
      }
      const attempt = await findAttempt(n);
      if (!attempt) return reject('unknown_attempt', ids);
      if (n.amount !== attempt.amount) {
        log.error(
          {
            ...ids,
            alert: 'notification_amount_mismatch',
            attemptId: attempt.id,
            amount: attempt.amount,
            notified: n.amount ?? null,
          },
          'notification amount differs from the attempt',
        );
        return { status: 'rejected', reason: 'amount_mismatch' };
      }
      const result = n.result(attempt.card_kind);
      if (result.outcome === 'pending') {
        log.info({ ...ids, attemptId: attempt.id }, 'acquirer notification says pending: nothing to apply');
        return { status: 'ignored' };
      }

      const receipt = await deps.store.transaction(async (tx): Promise<NotificationReceipt> => {
        // The write first (SQLite's lock up front), and the dedupe key with it: a resent notification stops here.
        const first = await tx.acquirerNotifications.insertOnce({
          query_id: n.acquirerRef,
          attempt_id: attempt.id,
          txn_type: n.txnType,
          resp_code: n.responseCode,
          received_at: deps.now().toISOString(),
        });
        if (!first) return { status: 'duplicate' };
        const changed = await applyOutcomeIn(
          tx,
          attempt.id,
          result,
          deps.now(),
          log.child({ orderId: attempt.order_id, attemptId: attempt.id }),
        );
        return { status: 'applied', changed };
      });
      log.info({ ...ids, attemptId: attempt.id, ...receipt }, 'acquirer notification received');
      return receipt;
    },
  };
}

export type PaymentNotifications = ReturnType<typeof createPaymentNotifications>;
