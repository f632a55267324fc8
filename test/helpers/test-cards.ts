import {
  TEST_CARDS,
  TEST_CVN2,
  TEST_EXPIRY_MMYY,
  TEST_HOLDER,
  testCardFor,
  type SandboxReversal,
} from '../../sandbox-acquirer/test-cards';

/*
 * The sandbox's test cards by name, for tests. The numbers have one definition, the table in
 * sandbox-acquirer/test-cards.ts (test/sandbox-acquirer/test-cards.test.ts checks it).
 */

/** UnionPay's debit test card: approved with PIN 123456; another PIN is wrong_pin. */
export const DEBIT = testCardFor('debit', 'approved').pan;
/** UnionPay's credit test card, which fails Luhn: approved with expiry 1230 and CVN2 123. */
export const CREDIT = testCardFor('credit', 'approved').pan;
export const INSUFFICIENT_FUNDS = testCardFor('debit', 'insufficient_funds').pan;
/** The acquirer refuses the request (HTTP 503); nothing is charged. */
export const UNAVAILABLE = testCardFor('debit', 'unavailable').pan;
/** Answered 03 (unknown); a query then says it succeeded. */
export const ISSUER_TIMEOUT = testCardFor('credit', 'issuer_timeout').pan;
/** Charged at once, answered after the adapter's timeout. */
export const SLOW_ANSWER = testCardFor('debit', 'slow_answer').pan;
/** Approved only with the SMS code, after an SMS request for the same order. */
export const SMS_CODE_CARD = testCardFor('debit', 'approved', { needsSmsCode: true }).pan;

/** Approved; its cancel or refund is refused (63). */
export const REFUND_REFUSED = reversalCard('refused');
/** Approved; its refund is made but answered after the adapter's timeout (the query says it succeeded). */
export const REFUND_TIMEOUT = reversalCard('timeout');
/** Approved; its refund is answered 03 and stays undecided at every query. */
export const REFUND_UNKNOWN = reversalCard('unknown');
/** Approved, booked after the sandbox's cut-off: its cancel is refused with 39, a refund is taken. */
export const REFUND_AFTER_CUT_OFF = reversalCard('after_cut_off');

function reversalCard(scenario: SandboxReversal): string {
  const card = TEST_CARDS.find((c) => c.reversal === scenario);
  if (!card) throw new Error(`no test card for the reversal scenario ${scenario}`);
  return card.pan;
}

/**
 * What a simulated cardholder keys for a whole credit payment, field by field (simulator/simulated-call.ts answers):
 * the card, its expiry and CVN2, the holder's ID and mobile, each with `#`, then 1 at the read-back.
 */
export function creditPaymentKeys(pan: string = CREDIT): Record<string, string> {
  return {
    card: `${pan}#`,
    expiry: `${TEST_EXPIRY_MMYY}#`,
    cvn2: `${TEST_CVN2}#`,
    id: `${TEST_HOLDER.idNumber}#`,
    mobile: `${TEST_HOLDER.mobile}#`,
    confirm: '1',
  };
}
