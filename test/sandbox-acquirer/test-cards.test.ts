import { expect } from 'chai';
import { findTestCard, TEST_CARDS, TEST_HOLDER, testCardFor } from '../../sandbox-acquirer/test-cards';
import { BANKS, lookupBin } from '../../src/domain/bin-table';
import { checkCardNumber } from '../../src/domain/card-number';
import { checkIdNumber } from '../../src/domain/id-number';
import { luhnValid } from '../../src/domain/luhn';
import { maskPan } from '../../src/domain/mask';
import { validMobile } from '../../src/domain/mobile';

const UNIONPAY_CREDIT_TEST_CARD = '6221558812340000';

describe('TEST_CARDS', () => {
  it('when the table is read, then it has the two UnionPay test cards and a scenario card for each required outcome', () => {
    expect(findTestCard('6216261000000000018')).to.include({ kind: 'debit', bankCode: 'pab', outcome: 'approved' });
    expect(findTestCard(UNIONPAY_CREDIT_TEST_CARD)).to.include({ kind: 'credit', bankCode: 'pab', outcome: 'approved' });
    expect(TEST_CARDS.map((c) => c.outcome)).to.include.members([
      'insufficient_funds',
      'not_enabled_cnp',
      'card_expired',
      'unavailable',
      'too_many_pin_tries',
      'issuer_timeout',
      'slow_answer',
      'duplicate_order',
    ]);
    expect(TEST_CARDS.filter((c) => c.needsSmsCode).map((c) => c.outcome)).to.deep.equal(['approved']);
    expect(new Set(TEST_CARDS.map((c) => c.pan)).size).to.equal(TEST_CARDS.length);
    expect(TEST_CARDS.filter((c) => c.reversal).map((c) => [c.reversal, c.outcome])).to.deep.equal([
      ['refused', 'approved'],
      ['timeout', 'approved'],
      ['unknown', 'approved'],
      ['after_cut_off', 'approved'],
    ]);
  });

  for (const card of TEST_CARDS) {
    it(`when ${maskPan(card.pan)} is checked, then it is a UnionPay number the BIN table gives to ${card.bankCode} ${card.kind}, a supported bank`, () => {
      expect(checkCardNumber(card.pan)).to.include({ ok: true });
      expect(lookupBin(card.pan)).to.deep.equal({ bankCode: card.bankCode, kind: card.kind });
      expect(BANKS.find((b) => b.code === card.bankCode)?.defaultStatus).to.equal('supported');
    });
  }

  it('when the Luhn check runs, then every card passes except the UnionPay credit test card', () => {
    const failing = TEST_CARDS.filter((c) => !luhnValid(c.pan)).map((c) => c.pan);
    expect(failing).to.deep.equal([UNIONPAY_CREDIT_TEST_CARD]);
  });

  it('when a card is asked for by kind and outcome, then the first such card of the table comes back, the SMS card only on request', () => {
    expect(testCardFor('debit', 'approved').pan).to.equal('6216261000000000018');
    expect(testCardFor('credit', 'approved').pan).to.equal(UNIONPAY_CREDIT_TEST_CARD);
    expect(testCardFor('debit', 'approved', { needsSmsCode: true })).to.include({ pan: '6226151000000006', needsSmsCode: true });
    expect(() => testCardFor('credit', 'slow_answer')).to.throw(/no credit test card with outcome slow_answer/);
  });

  it('when the test holder is checked, then the ID and mobile are valid', () => {
    expect(checkIdNumber(TEST_HOLDER.idNumber, new Date('2026-01-01T00:00:00Z'))).to.deep.equal({
      ok: true,
      value: TEST_HOLDER.idNumber,
    });
    expect(validMobile(TEST_HOLDER.mobile)).to.equal(true);
  });
});
