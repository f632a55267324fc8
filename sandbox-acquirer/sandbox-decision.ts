import type { CardKind } from '../src/domain/card-kind';
import { checkExpiry } from '../src/domain/expiry';
import type { DeclineReason } from '../src/call/decline-reason';
import type { createPinTries } from './sandbox-pin-tries';
import { findTestCard, TEST_CVN2, TEST_HOLDER, TEST_PIN } from './test-cards';

/** UnionPay issuer response codes (docs/reference/unionpay-acp.md §8.4), so the sandbox answers like the real thing. */
export const SANDBOX_RESPONSE_CODES: Record<DeclineReason, string> = {
  insufficient_funds: '64',
  wrong_pin: '65',
  wrong_cvn2_or_expiry: '65',
  id_mobile_mismatch: '66',
  too_many_pin_tries: '67',
  card_not_supported: '68',
  not_enabled_cnp: '72',
  card_expired: '73',
  sms_code_wrong: '71',
  declined: '63',
};
/** OTP check failed. */
export const SMS_CODE_FAILED = '71';

/** A consume as the sandbox's issuer sees it, whether it came in-process or decrypted off the wire. */
export interface PresentedCard {
  pan: string;
  /** 'debit' when a PIN came with the card (debit cards are paid with the PIN), else 'credit'. */
  kind: CardKind;
  /** Whether the PIN that came is `expected`; the server compares PIN blocks, never decodes them. */
  pinIs?: (expected: string) => boolean;
  cvn2?: string;
  expiryMmyy?: string;
  idNumber?: string;
  mobile?: string;
  smsCode?: string;
  /** An SMS code was requested for this very order (txnType 77) before the consume. */
  smsCodeSent: boolean;
}

/**
 * - 'unavailable': nothing processed (the front end refuses the request);
 * - 'duplicate': answered 12, nothing recorded;
 * - 'decided': `code` is the transaction's final code (a query's origRespCode), `answerCode` what
 *   the synchronous answer says (03 for an issuer timeout), `slow` an answer held past our timeout, `lost` an
 *   answer lost on the way: queries keep saying 03 and no notification is sent (only the file tells).
 */
export type SandboxVerdict =
  | { kind: 'unavailable' }
  | { kind: 'duplicate' }
  | { kind: 'decided'; code: string; answerCode: string; slow: boolean; lost?: boolean };

export type PinTries = ReturnType<typeof createPinTries>;

export interface DecisionPolicy {
  /** Every card needs an SMS code (a merchant whose field set says so), not only the SMS test card. */
  smsCodeForAll: boolean;
}

/** The sandbox issuer's decision on a consume, by test card (sandbox-acquirer/test-cards.ts). */
export function decideConsume(
  card: PresentedCard,
  pinTries: PinTries,
  now: Date,
  policy: DecisionPolicy = { smsCodeForAll: false },
): SandboxVerdict {
  const testCard = findTestCard(card.pan);
  if (!testCard || testCard.kind !== card.kind) return failed('card_not_supported');
  if (testCard.outcome === 'unavailable') return { kind: 'unavailable' };
  if (testCard.outcome === 'duplicate_order') return { kind: 'duplicate' };

  if (card.kind === 'debit') {
    if (pinTries.locked(card.pan, now)) return failed('too_many_pin_tries');
    if (!card.pinIs?.(TEST_PIN)) return failed(pinTries.recordWrong(card.pan, now) ? 'too_many_pin_tries' : 'wrong_pin');
    pinTries.recordRight(card.pan, now);
  } else {
    const expiryOk = card.expiryMmyy !== undefined && checkExpiry(card.expiryMmyy, now) === 'ok';
    if (!expiryOk || card.cvn2 !== TEST_CVN2) return failed('wrong_cvn2_or_expiry');
  }

  const idOk = card.idNumber === undefined || card.idNumber === TEST_HOLDER.idNumber;
  const mobileOk = card.mobile === undefined || card.mobile === TEST_HOLDER.mobile;
  if (!idOk || !mobileOk) return failed('id_mobile_mismatch');

  const smsNeeded = testCard.needsSmsCode === true || policy.smsCodeForAll;
  if (smsNeeded && !(card.smsCodeSent && card.smsCode === TEST_HOLDER.smsCode)) return decided(SMS_CODE_FAILED);
  // A code that came although none is needed must still be right.
  if (!smsNeeded && card.smsCode !== undefined && card.smsCode !== TEST_HOLDER.smsCode) return decided(SMS_CODE_FAILED);

  switch (testCard.outcome) {
    case 'approved':
      return decided('00');
    case 'issuer_timeout':
      return { kind: 'decided', code: '00', answerCode: '03', slow: false };
    case 'slow_answer':
      return { kind: 'decided', code: '00', answerCode: '00', slow: true };
    case 'answer_lost':
      return { kind: 'decided', code: '00', answerCode: '03', slow: false, lost: true };
    default:
      return failed(testCard.outcome);
  }
}

/** May an SMS code be sent for this card to this mobile? A response code: 00 or why not. */
export function decideSmsRequest(pan: string, mobile: string | undefined): string {
  const testCard = findTestCard(pan);
  if (!testCard) return SANDBOX_RESPONSE_CODES.card_not_supported;
  if (mobile !== TEST_HOLDER.mobile) return SANDBOX_RESPONSE_CODES.id_mobile_mismatch;
  return '00';
}

function failed(reason: DeclineReason): SandboxVerdict {
  return decided(SANDBOX_RESPONSE_CODES[reason]);
}

function decided(code: string): SandboxVerdict {
  return { kind: 'decided', code, answerCode: code, slow: false };
}
