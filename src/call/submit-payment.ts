import { errorSummary } from '../log/error-summary';
import type { HolderData } from './holder-data';
import type { PaymentResult } from './payment-result';
import type { PendingPayment } from './pending-payment';
import type { CallOrder, PreparedAttempt } from './call-ports';
import type { KeyedCard } from './collect-card';
import { forgetCardData } from './forget-card-data';
import type { StepContext } from './step-context';

/** The payment service failed without an answer: the payment may have been sent; the recovery job settles it. */
export class PaymentStateUnknownError extends Error {
  readonly code = 'payment_state_unknown';
  constructor(cause: unknown) {
    // Only the cause's name: its message could echo what was sent.
    super(`payment failed without an answer (${errorSummary(cause).name})`);
    this.name = 'PaymentStateUnknownError';
  }
}

/**
 * Comfort prompt, then one payment through the payment service (sent once, never retried here).
 * The card and holder data are blanked as soon as the answer arrives, so no reference to them
 * outlives the payment (PCI DSS 3.3.1: sensitive data is unrecoverable once authorised).
 */
export async function submitPayment(
  ctx: StepContext,
  order: CallOrder,
  keyed: KeyedCard,
  holder: HolderData,
  attempt?: PreparedAttempt,
): Promise<PaymentResult | PendingPayment> {
  const { call, deps, log } = ctx;
  // A hang-up during the comfort prompt stops here, before anything is sent.
  await call.play(['please-wait']);
  log.info({ kind: keyed.data.kind, bankCode: keyed.bankCode }, 'payment sent');
  try {
    const result = await deps.payments.pay({
      orderId: order.id,
      callId: call.id,
      card: keyed.data,
      bankCode: keyed.bankCode,
      holder,
      ...(attempt ? { attempt } : {}),
    });
    log.info(
      {
        outcome: result.outcome,
        reason: result.outcome === 'declined' ? result.reason : undefined,
        responseCode: result.responseCode,
      },
      'payment answered',
    );
    return result;
  } catch (err) {
    throw new PaymentStateUnknownError(err);
  } finally {
    forgetCardData(keyed, holder);
  }
}
