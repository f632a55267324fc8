import type { CardData } from './card-data';
import type { CardKind } from '../domain/card-kind';
import { checkCardNumber } from '../domain/card-number';
import type { CardInfo } from './call-ports';
import { collectField, menuField } from './collect-field';
import { collectCardSecrets } from './collect-card-secrets';
import { OutOfAttemptsError } from './out-of-attempts';
import { isPromptId, type PromptId } from './prompt-manifest';
import type { StepContext } from './step-context';

/** A card as keyed for one payment. Card data: keep it in locals, never log it, drop it after paying. */
export interface KeyedCard {
  data: CardData;
  bankCode: string;
}

/**
 * Card number (keyed twice when the merchant asks for it, `keyTwice`), then the issuer check (a refused bank
 * sends the caller back to the card number, settings.maxAttempts times at most), the kind when the BIN does not
 * tell, then expiry and CVN2 (credit) or PIN (debit).
 */
export async function collectCard(ctx: StepContext, options: { keyTwice: boolean }): Promise<KeyedCard> {
  const { call, deps, log } = ctx;
  for (let tries = 1; ; tries++) {
    const { pan, luhnValid } = await collectField(ctx, {
      field: 'card',
      prompts: ['enter-card'],
      // Ends on `#`, on the 19th digit, or on a short pause once 16 are keyed (card numbers are 16 to 19 digits).
      maxDigits: 19,
      completeAfterDigits: 16,
      errorPrompt: 'card-invalid',
      ...(options.keyTwice && {
        keyTwice: { field: 'card-again', prompts: ['enter-card-again'], mismatchPrompt: 'card-mismatch' },
      }),
      check: (keys) => {
        const checked = checkCardNumber(keys);
        return checked.ok ? { pan: keys, luhnValid: checked.luhnValid } : undefined;
      },
    });
    // Some genuine UnionPay cards fail Luhn: warn, never refuse.
    if (!luhnValid) {
      log.info({ field: 'card', luhnValid }, 'card number fails Luhn, going on');
      await call.play(['card-check-warning']);
    }

    const info = await deps.cards.lookup(pan);
    if (info?.bankStatus === 'supported') {
      log.info({ field: 'card', bankCode: info.bankCode, kind: info.kind }, 'card issuer accepted');
      const kind = info.kind === 'ambiguous' ? await askCardKind(ctx) : info.kind;
      const secrets = await collectCardSecrets(ctx, kind);
      return { data: { pan, kind, ...secrets }, bankCode: info.bankCode };
    }

    log.info({ field: 'card', bankCode: info?.bankCode, bankStatus: info?.bankStatus ?? 'unknown' }, 'card issuer refused');
    await call.play(bankRefusal(info));
    if (tries >= deps.settings.maxAttempts) throw new OutOfAttemptsError('card');
    await call.play(['use-another-card']);
  }
}

/** What the caller hears when no bank in the table issues the card, or its bank is not accepted now. */
function bankRefusal(info: CardInfo | undefined): PromptId[] {
  if (info === undefined) return ['bank-not-supported'];
  const bankName = `bank-${info.bankCode}`;
  const name: PromptId[] = isPromptId(bankName) ? [bankName] : [];
  return [...name, info.bankStatus === 'coming_soon' ? 'bank-coming-soon' : 'bank-not-supported'];
}

function askCardKind(ctx: StepContext): Promise<CardKind> {
  return collectField(ctx, menuField<CardKind>('card-kind', ['card-kind-choice'], { '1': 'credit', '2': 'debit' }));
}
