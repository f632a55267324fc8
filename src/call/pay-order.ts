import type { PaymentResult } from './payment-result';
import type { PendingPayment } from './pending-payment';
import { announceResult, offerAnotherCard, resultPrompts } from './announce-result';
import type { CallOrder } from './call-ports';
import type { CallOutcome } from './call-outcome';
import { collectCard } from './collect-card';
import { collectHolder } from './collect-holder';
import { confirmPayment } from './confirm-payment';
import { endCall, releaseOrder } from './end-call';
import { forgetCardData } from './forget-card-data';
import { OutOfAttemptsError } from './out-of-attempts';
import { smsCodeStep } from './sms-code-step';
import type { StepContext } from './step-context';
import { submitPayment } from './submit-payment';

/** Card after card (settings.maxCards at most) until one is approved, the caller stops, or the acquirer is down. */
export async function payOrder(ctx: StepContext, order: CallOrder): Promise<CallOutcome> {
  for (let cards = 1; ; cards++) {
    const result = await payWithOneCard(ctx, order);
    if (result.outcome === 'approved') return endCall(ctx, resultPrompts(result), 'paid');
    if (result.outcome === 'unavailable' || result.outcome === 'pending') {
      // Pending: the order is released, but a payment still being confirmed keeps it from being claimed.
      await releaseOrder(ctx, order, 'abandoned');
      return endCall(ctx, resultPrompts(result), result.outcome);
    }
    await announceResult(ctx, result);
    const another = cards < ctx.deps.settings.maxCards && (await offerAnotherCard(ctx));
    if (!another) {
      await releaseOrder(ctx, order, 'declined');
      return endCall(ctx, [], 'declined', result.reason);
    }
  }
}

/** Card, holder, SMS code if the card needs one, read-back; 2 at the read-back starts again from the card number. */
async function payWithOneCard(ctx: StepContext, order: CallOrder): Promise<PaymentResult | PendingPayment> {
  for (let entries = 1; ; entries++) {
    const keyed = await collectCard(ctx, { keyTwice: order.confirmCard });
    const holder = await collectHolder(ctx, order.requires);
    const sms = await smsCodeStep(ctx, order, keyed, holder);
    if (!sms.ok) {
      forgetCardData(keyed, holder);
      return sms.result;
    }
    const choice = await confirmPayment(ctx, keyed.data.pan, order.amount);
    if (choice === 'pay') return submitPayment(ctx, order, keyed, holder, sms.attempt);

    forgetCardData(keyed, holder);
    ctx.log.info({ field: 'confirm', entries }, 'caller re-enters the card');
    if (entries >= ctx.deps.settings.maxAttempts) throw new OutOfAttemptsError('confirm');
  }
}
