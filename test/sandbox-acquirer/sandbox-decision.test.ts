import { expect } from 'chai';
import { decideConsume, decideSmsRequest, type PresentedCard } from '../../sandbox-acquirer/sandbox-decision';
import { createPinTries } from '../../sandbox-acquirer/sandbox-pin-tries';
import { TEST_HOLDER, TEST_PIN } from '../../sandbox-acquirer/test-cards';
import { DEBIT } from '../helpers/test-cards';

const NOW = new Date('2026-03-15T02:00:00Z');
const debit = (changes: Partial<PresentedCard> = {}): PresentedCard => ({
  pan: DEBIT,
  kind: 'debit',
  pinIs: (expected) => expected === TEST_PIN,
  smsCodeSent: false,
  ...changes,
});

describe('decideConsume', () => {
  it('when the debit test card comes with its PIN, then 00 answered 00 at once', () => {
    expect(decideConsume(debit(), createPinTries(), NOW)).to.deep.equal({
      kind: 'decided',
      code: '00',
      answerCode: '00',
      slow: false,
    });
  });

  it('when the card comes as the other kind (no PIN for a debit card), then 68 card not supported', () => {
    expect(decideConsume(debit({ kind: 'credit', pinIs: undefined }), createPinTries(), NOW)).to.include({ code: '68' });
  });

  it('when the merchant wants an SMS code for every card, then a consume without a requested, right code is 71', () => {
    const policy = { smsCodeForAll: true };
    expect(decideConsume(debit(), createPinTries(), NOW, policy)).to.include({ code: '71' });
    expect(decideConsume(debit({ smsCode: TEST_HOLDER.smsCode }), createPinTries(), NOW, policy)).to.include({ code: '71' });
    expect(decideConsume(debit({ smsCode: TEST_HOLDER.smsCode, smsCodeSent: true }), createPinTries(), NOW, policy)).to.include({
      code: '00',
    });
  });

  it('when a wrong SMS code comes although none is needed, then 71 all the same', () => {
    expect(decideConsume(debit({ smsCode: '000000', smsCodeSent: true }), createPinTries(), NOW)).to.include({ code: '71' });
  });
});

describe('decideSmsRequest', () => {
  it('when the holder mobile of a test card is given, then 00; another mobile 66; an unknown card 68', () => {
    expect(decideSmsRequest(DEBIT, TEST_HOLDER.mobile)).to.equal('00');
    expect(decideSmsRequest(DEBIT, '13800138000')).to.equal('66');
    expect(decideSmsRequest('6216261000000000026', TEST_HOLDER.mobile)).to.equal('68');
  });
});
