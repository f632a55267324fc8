import {
  testCardFor,
  TEST_CVN2,
  TEST_EXPIRY_MMYY,
  TEST_HOLDER,
  TEST_PIN,
  type TestCard,
} from '../../../sandbox-acquirer/test-cards';
import { SILENCE, type FakeCallScript } from '../../../test/helpers/fake-call';
import type { CardScenario } from '../fault-plan';

const WRONG_PIN = '864209';

/** The sandbox card (sandbox-acquirer/test-cards.ts) each scenario keys, and whether its PIN is wrong. */
function cardsOf(scenario: CardScenario): Array<{ card: TestCard; wrongPin?: boolean }> {
  switch (scenario) {
    case 'approved-debit':
      return [{ card: testCardFor('debit', 'approved') }];
    case 'approved-credit':
      return [{ card: testCardFor('credit', 'approved') }];
    case 'declined':
      return [{ card: testCardFor('debit', 'insufficient_funds') }];
    case 'wrong-pin-then-approved':
      return [{ card: testCardFor('debit', 'approved'), wrongPin: true }, { card: testCardFor('credit', 'approved') }];
    case 'issuer-timeout':
      return [{ card: testCardFor('credit', 'issuer_timeout') }];
    case 'slow-answer':
      return [{ card: testCardFor('debit', 'slow_answer') }];
    case 'unavailable':
      return [{ card: testCardFor('debit', 'unavailable') }];
    case 'duplicate-order':
      return [{ card: testCardFor('debit', 'duplicate_order') }];
    case 'answer-lost':
      return [{ card: testCardFor('debit', 'answer_lost') }];
  }
}

/**
 * What a cardholder keys for a scenario: nothing at the language offer, the pay code when asked, each card with its PIN or expiry and CVN2, the
 * holder's ID and mobile, 1 to pay, and 1 for another card after a decline while a card is left (then 2).
 * Answers repeat, so a field asked again (after an error prompt) gets the same keys.
 */
export function callerKeys(scenario: CardScenario, payCode: string): FakeCallScript['answers'] {
  const cards = cardsOf(scenario);
  const repeat = <T>(items: T[]) => [...items, ...items, ...items, ...items];
  return {
    // The language offer (on by default) is let pass: the call goes on in Mandarin.
    language: SILENCE,
    'pay-code': repeat([`${payCode}#`]),
    card: repeat(cards.map((c) => `${c.card.pan}#`)),
    'card-kind': repeat(cards.map((c) => (c.card.kind === 'credit' ? '1' : '2'))),
    pin: repeat(cards.filter((c) => c.card.kind === 'debit').map((c) => `${c.wrongPin ? WRONG_PIN : TEST_PIN}#`)),
    expiry: repeat([`${TEST_EXPIRY_MMYY}#`]),
    cvn2: repeat([`${TEST_CVN2}#`]),
    id: repeat([`${TEST_HOLDER.idNumber.replace('X', '*')}#`]),
    mobile: repeat([`${TEST_HOLDER.mobile}#`]),
    'sms-code': repeat([`${TEST_HOLDER.smsCode}#`]),
    confirm: repeat(['1']),
    'another-card': [...cards.slice(1).map(() => '1'), ...repeat(['2'])],
  };
}
