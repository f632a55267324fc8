import { randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import { checkExpiry } from '../domain/expiry';
import type { AcquirerPort, DeclineReason, PaymentRequest, PaymentResult } from './acquirer-port';
import { createPinTries } from './sandbox-pin-tries';
import { findTestCard, TEST_CVN2, TEST_HOLDER, TEST_PIN } from './test-cards';

/** UnionPay issuer response codes (unionpay-acp notes §8.4), so the sandbox answers like the real thing. */
const RESPONSE_CODES: Record<DeclineReason, string> = {
  insufficient_funds: '64',
  wrong_pin: '65',
  wrong_cvn2_or_expiry: '65',
  id_mobile_mismatch: '66',
  too_many_pin_tries: '67',
  card_not_supported: '68',
  not_enabled_cnp: '72',
  card_expired: '73',
  declined: '63',
};

/**
 * An in-process acquirer that decides by test card (src/acquirer/test-cards.ts). Like every
 * acquirer adapter it never logs or keeps what it is sent.
 */
export function createSandboxAcquirer(opts: { now: () => Date; latencyMs?: number }): AcquirerPort {
  const pinTries = createPinTries();

  function decide(request: PaymentRequest): PaymentResult {
    const { card, holder } = request;
    const now = opts.now();
    const testCard = findTestCard(card.pan);
    if (!testCard || testCard.kind !== card.kind) return declined('card_not_supported');
    if (testCard.outcome === 'unavailable') return { outcome: 'unavailable' };

    if (card.kind === 'debit') {
      if (pinTries.locked(card.pan, now)) return declined('too_many_pin_tries');
      if (card.pin !== TEST_PIN) return declined(pinTries.recordWrong(card.pan, now) ? 'too_many_pin_tries' : 'wrong_pin');
      pinTries.recordRight(card.pan, now);
    } else {
      const expiryOk = card.expiryMmyy !== undefined && checkExpiry(card.expiryMmyy, now) === 'ok';
      if (!expiryOk || card.cvn2 !== TEST_CVN2) return declined('wrong_cvn2_or_expiry');
    }

    const idOk = holder.idNumber === undefined || holder.idNumber === TEST_HOLDER.idNumber;
    const mobileOk = holder.mobile === undefined || holder.mobile === TEST_HOLDER.mobile;
    if (!idOk || !mobileOk) return declined('id_mobile_mismatch');

    if (testCard.outcome === 'approved') {
      return { outcome: 'approved', acquirerRef: `SBX${randomUUID().replace(/-/g, '').slice(0, 18)}`, responseCode: '00' };
    }
    return declined(testCard.outcome);
  }

  return {
    async pay(request) {
      if (opts.latencyMs) await delay(opts.latencyMs);
      return decide(request);
    },
  };
}

function declined(reason: DeclineReason): PaymentResult {
  return { outcome: 'declined', reason, responseCode: RESPONSE_CODES[reason] };
}
