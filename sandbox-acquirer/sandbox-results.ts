import type { DeclineReason } from '../src/call/decline-reason';
import type { PaymentResult } from '../src/call/payment-result';
import type { CardKind } from '../src/domain/card-kind';
import { SANDBOX_RESPONSE_CODES } from './sandbox-decision';

/** Reasons by the code the sandbox issuer answers them with; 65 is two reasons, told apart by the card. */
const REASON_BY_CODE = new Map<string, DeclineReason>(
  (Object.entries(SANDBOX_RESPONSE_CODES) as [DeclineReason, string][])
    .filter(([, code]) => code !== SANDBOX_RESPONSE_CODES.wrong_pin)
    .map(([reason, code]) => [code, reason]),
);

/**
 * Why the sandbox declined, read back from its code as an acquirer adapter would read it: 65 is a
 * wrong PIN on debit and a wrong CVN2 or expiry on credit, and a plain decline when the kind is not known.
 */
export function sandboxDeclineReason(code: string, kind: CardKind | undefined): DeclineReason {
  if (code === SANDBOX_RESPONSE_CODES.wrong_pin) {
    if (kind === undefined) return 'declined';
    return kind === 'debit' ? 'wrong_pin' : 'wrong_cvn2_or_expiry';
  }
  return REASON_BY_CODE.get(code) ?? 'declined';
}

/** A transaction the sandbox decided (its final code, never pending): approved on 00, else declined. */
export function sandboxResult(code: string, queryId: string, kind: CardKind | undefined): PaymentResult {
  if (code === '00') return { outcome: 'approved', acquirerRef: queryId, responseCode: code };
  return { outcome: 'declined', reason: sandboxDeclineReason(code, kind), responseCode: code };
}
