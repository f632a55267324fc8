import { amountPrompts } from './amount-speech';
import { digitPrompts } from './digit-speech';
import { lastFour } from '../domain/mask';
import { collectField, menuField } from './collect-field';
import type { StepContext } from './step-context';

export type Confirmation = 'pay' | 're-enter';

/** Reads back the card's last four digits and the amount: 1 pays, 2 goes back to the card number. */
export function confirmPayment(ctx: StepContext, pan: string, amountFen: number): Promise<Confirmation> {
  const prompts = [
    'readback-card' as const,
    ...digitPrompts(lastFour(pan)),
    'readback-amount' as const,
    ...amountPrompts(amountFen, ctx.call.language),
    'confirm-pay' as const,
  ];
  return collectField(ctx, menuField<Confirmation>('confirm', prompts, { '1': 'pay', '2': 're-enter' }));
}
