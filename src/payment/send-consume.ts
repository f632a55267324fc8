import type { Logger } from 'pino';
import type { PaymentResult } from '../call/payment-result';
import type { PendingPayment } from '../call/pending-payment';
import type { AcquirerPort, PaymentRequest } from '../acquirer/acquirer-port';
import type { PaymentInput } from '../call/call-ports';
import { errorSummary } from '../log/error-summary';
import type { PaymentAttemptRow } from '../store/payment-rows';

/**
 * Sends the one consume of a recorded attempt, under the attempt's id, txnTime and amount. The card
 * and holder are copied, so the call script may blank its own once it stops waiting, and the copy
 * is dropped with this call. An adapter that throws may or may not have sent: that is pending, for
 * query to resolve; never a reason to send again.
 */
export async function sendConsume(
  acquirer: AcquirerPort,
  attempt: PaymentAttemptRow,
  input: PaymentInput,
  log: Logger,
): Promise<PaymentResult | PendingPayment> {
  const request = paymentRequestOf(attempt, input);
  try {
    return await acquirer.pay(request);
  } catch (err) {
    // Only the error's name: an adapter's error could echo what it was sending.
    log.error({ err: errorSummary(err) }, 'acquirer adapter failed: payment state unknown');
    return { outcome: 'pending' };
  }
}

/**
 * What the acquirer gets for a recorded attempt: its id, txnTime and amount as stored (the SMS code request and the
 * consume of one attempt must name the same transaction), with copies of the card and holder.
 */
export function paymentRequestOf(attempt: PaymentAttemptRow, input: PaymentInput): PaymentRequest {
  return {
    orderId: attempt.order_id,
    attemptId: attempt.id,
    amount: attempt.amount,
    currency: attempt.currency,
    txnTime: attempt.txn_time,
    card: { ...input.card },
    holder: { ...input.holder },
  };
}
