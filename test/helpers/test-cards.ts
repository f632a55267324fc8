import { testCardFor } from '../../sandbox-acquirer/test-cards';

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
