import type { CardData } from './card-data';
import type { CardKind } from '../domain/card-kind';
import { validCvn2 } from '../domain/cvn2';
import { checkExpiry } from '../domain/expiry';
import { validPin } from '../domain/pin';
import { collectField } from './collect-field';
import type { StepContext } from './step-context';

type CardSecrets = Pick<CardData, 'expiryMmyy' | 'cvn2' | 'pin'>;

/** Credit: expiry (MMYY as keyed, not in the past) and CVN2. Debit: the 6-digit PIN. */
export async function collectCardSecrets(ctx: StepContext, kind: CardKind): Promise<CardSecrets> {
  if (kind === 'debit') {
    const pin = await collectField(ctx, {
      field: 'pin',
      prompts: ['enter-pin'],
      maxDigits: 6,
      errorPrompt: 'pin-invalid',
      check: (keys) => (validPin(keys) ? keys : undefined),
    });
    return { pin };
  }
  const expiryMmyy = await collectField(ctx, {
    field: 'expiry',
    prompts: ['enter-expiry'],
    maxDigits: 4,
    errorPrompt: 'expiry-invalid',
    check: (keys) => (checkExpiry(keys, ctx.deps.now()) === 'ok' ? keys : undefined),
  });
  const cvn2 = await collectField(ctx, {
    field: 'cvn2',
    prompts: ['enter-cvn2'],
    maxDigits: 3,
    errorPrompt: 'cvn2-invalid',
    check: (keys) => (validCvn2(keys) ? keys : undefined),
  });
  return { expiryMmyy, cvn2 };
}
