import type { CardLookup } from '../call/call-ports';
import type { FieldObserver } from '../call/field-observer';
import { maskPan } from '../domain/mask';
import { captureFieldOf, type CaptureProgress } from './capture-progress';

/**
 * What a capture learns from the IVR's own steps besides the keys: whether each answer was taken (valid) or not
 * (invalid), told to `progress` and to the service's observer (metrics) alike.
 */
export function captureFieldObserver(progress: CaptureProgress, service?: FieldObserver): FieldObserver {
  return {
    asked: (field) => service?.asked(field),
    rejected: (field, problem) => {
      service?.rejected(field, problem);
      const shown = captureFieldOf(field);
      if (shown) progress.field(shown, 'invalid');
    },
    accepted: (field) => {
      service?.accepted?.(field);
      const shown = captureFieldOf(field);
      // The card number is valid only once its issuer is accepted: the lookup below says so.
      if (shown && shown !== 'card') progress.field(shown, 'valid');
    },
  };
}

/**
 * The card lookup the card step makes once a number is keyed (and keyed again, when the merchant asks): the
 * agent sees the number masked (BIN and last four) with its bank, valid when its issuer is accepted.
 */
export function captureCardLookup(
  cards: CardLookup,
  progress: CaptureProgress,
  bankName: (code: string) => string | undefined,
): CardLookup {
  return {
    async lookup(pan) {
      const info = await cards.lookup(pan);
      const bank = info ? bankName(info.bankCode) : undefined;
      const state = info?.bankStatus === 'supported' ? 'valid' : 'invalid';
      progress.field('card', state, { digitCount: pan.length, masked: maskPan(pan), ...(bank ? { bank } : {}) });
      return info;
    },
  };
}
