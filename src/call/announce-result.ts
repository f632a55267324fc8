import type { PaymentResult } from './payment-result';
import type { PendingPayment } from './pending-payment';
import { collectField, menuField } from './collect-field';
import type { PromptId } from './prompt-manifest';
import type { StepContext } from './step-context';

/** What the caller hears for a payment answer (the goodbye comes after, from the script). */
export function resultPrompts(result: PaymentResult | PendingPayment): PromptId[] {
  switch (result.outcome) {
    case 'approved':
      return ['payment-success'];
    case 'declined':
      return ['payment-declined', `reason-${result.reason}`];
    case 'unavailable':
      return ['acquirer-unavailable'];
    case 'pending':
      // It may have gone through: never "nothing was charged", never an invitation to pay again.
      return ['payment-confirming'];
  }
}

export async function announceResult(ctx: StepContext, result: PaymentResult): Promise<void> {
  await ctx.call.play(resultPrompts(result));
}

/** After a decline: 1 tries another card; 2 or silence ends the call. */
export function offerAnotherCard(ctx: StepContext): Promise<boolean> {
  return collectField(ctx, {
    ...menuField('another-card', ['try-another-card'], { '1': true, '2': false }),
    onSilence: false,
  });
}
