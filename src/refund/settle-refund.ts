import type { Logger } from 'pino';
import { enqueueRefundEvent } from '../notify/enqueue-refund-event';
import type { RefundState } from '../store/payment-rows';
import type { Repositories, Store } from '../store/store';

/** The acquirer's final word on a refund or cancel: its answer, a query, a notification or the reconciliation file. */
export interface RefundWord {
  succeeded: boolean;
  /** The acquirer's serial (queryId) of the refund itself. */
  acquirerRef?: string;
  responseCode?: string;
  /** Why it failed, for the merchant (refused, acquirer_unavailable, not_found); `refused` unless given. */
  failureReason?: string;
}

export interface RefundSettlement {
  /** Whether this call moved the refund (false: it was final already, or there is no such refund). */
  changed: boolean;
  /** Its state after the call; undefined for an unknown id. */
  state?: RefundState;
}

/** Not final yet: what a word may still settle. */
const OPEN: readonly RefundState[] = ['pending', 'unknown'];

/**
 * Applies a final word inside `tx`, opened with this write: the refund moves from pending or unknown (one
 * conditional UPDATE, so of an answer, a query, a notification and reconciliation racing, exactly one applies it),
 * and only then do the order's totals change and the merchant's event go into the outbox, in the same
 * transaction. Succeeded: the reserved fen count as refunded. Failed: the reservation is released. A word on a
 * refund already final changes nothing (a contrary one is logged as an alert).
 */
export async function settleRefundIn(
  tx: Repositories,
  refundId: string,
  word: RefundWord,
  at: Date,
  log: Logger,
): Promise<RefundSettlement> {
  const nowIso = at.toISOString();
  const to: RefundState = word.succeeded ? 'succeeded' : 'failed';
  const moved = await tx.refunds.move(refundId, OPEN, {
    state: to,
    updated_at: nowIso,
    resolved_at: nowIso,
    ...(word.responseCode !== undefined ? { response_code: word.responseCode } : {}),
    ...(word.acquirerRef ? { acquirer_ref: word.acquirerRef } : {}),
    ...(word.succeeded ? {} : { failure_reason: word.failureReason ?? 'refused' }),
  });
  const refund = await tx.refunds.find(refundId);
  if (!refund) return { changed: false };
  if (!moved) {
    if (refund.state !== to && !OPEN.includes(refund.state)) {
      log.error(
        { alert: 'refund_outcome_conflict', refundId, orderId: refund.order_id, state: refund.state, word: to },
        'a final word on a refund contradicts its recorded outcome',
      );
    }
    return { changed: false, state: refund.state };
  }
  if (word.succeeded) await tx.refunds.addRefunded(refund.order_id, refund.amount, nowIso);
  else await tx.refunds.release(refund.order_id, refund.amount, nowIso);
  await enqueueRefundEvent(tx, refundId, word.succeeded ? 'refund.succeeded' : 'refund.failed', at);
  log.info({ refundId, orderId: refund.order_id, state: to, responseCode: word.responseCode }, 'refund settled');
  return { changed: true, state: to };
}

/**
 * The port the daily reconciliation uses when its file settles a refund left `unknown`, and what answers,
 * queries and notifications use: idempotent, so it may be called again with the same word.
 */
export function settleRefund(
  deps: { store: Store; now: () => Date; log: Logger },
  refundId: string,
  word: RefundWord,
): Promise<RefundSettlement> {
  return deps.store.transaction((tx) => settleRefundIn(tx, refundId, word, deps.now(), deps.log));
}
