import { expect } from 'chai';
import { amountPrompts } from '../../src/call/amount-speech';
import { merchantGreeting } from '../../src/call/merchant-greeting';
import { runPaymentCall } from '../../src/call/payment-call';
import { FakeCall } from '../helpers/fake-call';
import { DEBIT } from './cards';
import { createFakeFlow, PAY_CODE } from './fake-flow-deps';

const DEBIT_ANSWERS = { card: `${DEBIT}#`, pin: '123456#', confirm: '1' };

describe('merchantGreeting', () => {
  it("when the merchant recorded one in the call's language, then that one plays", () => {
    expect(merchantGreeting({ merchantId: 'mch_1', greetingLanguages: ['en', 'zh'] }, 'zh')).to.equal('greeting:mch_1/zh');
  });

  it('when it recorded only the other language, then that one plays: a name is recognised in either', () => {
    expect(merchantGreeting({ merchantId: 'mch_1', greetingLanguages: ['zh'] }, 'en')).to.equal('greeting:mch_1/zh');
  });

  it('when it recorded none, then there is none', () => {
    expect(merchantGreeting({ merchantId: 'mch_1', greetingLanguages: [] }, 'zh')).to.equal(undefined);
  });
});

describe('runPaymentCall: the merchant greeting', () => {
  it('when the merchant has a greeting, then an inbound caller hears it once the pay code names the order, before the amount', async () => {
    const flow = createFakeFlow({ greetingLanguages: ['zh'] });
    const call = new FakeCall({ answers: { 'pay-code': `${PAY_CODE}#`, ...DEBIT_ANSWERS } });

    expect(await runPaymentCall(call, flow.deps, {})).to.equal('paid');
    // One playback with the amount: a request to Asterisk fewer, and no gap between them.
    expect(call.played.slice(0, 3)).to.deep.equal([
      ['welcome'],
      ['enter-pay-code'],
      ['greeting:mch_test/zh', 'amount-is', ...amountPrompts(12345, 'zh')],
    ]);
  });

  it('when a callback reaches the cardholder, then the greeting follows the welcome and the callback intro', async () => {
    const flow = createFakeFlow({ greetingLanguages: ['en', 'zh'] });
    const call = new FakeCall({ answers: DEBIT_ANSWERS, language: 'en' });

    expect(await runPaymentCall(call, flow.deps, { orderId: flow.order.id })).to.equal('paid');
    expect(call.played.slice(0, 2)).to.deep.equal([
      ['welcome', 'callback-intro'],
      ['greeting:mch_test/en', 'amount-is', ...amountPrompts(12345, 'en')],
    ]);
  });

  it('when the merchant has no greeting, then none is played', async () => {
    const flow = createFakeFlow();
    const call = new FakeCall({ answers: DEBIT_ANSWERS });

    expect(await runPaymentCall(call, flow.deps, { payCode: PAY_CODE })).to.equal('paid');
    expect(call.heard().filter((sound) => sound.startsWith('greeting:'))).to.deep.equal([]);
    expect(call.played[1]).to.deep.equal(['amount-is', ...amountPrompts(12345, 'zh')]);
  });

  it('when the pay code names no order, then no greeting plays', async () => {
    const flow = createFakeFlow({ greetingLanguages: ['zh'] });
    const call = new FakeCall({ answers: { 'pay-code': '000000#' } });

    await runPaymentCall(call, flow.deps, {});
    expect(call.heard().filter((sound) => sound.startsWith('greeting:'))).to.deep.equal([]);
  });
});
