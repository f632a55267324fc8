import { expect } from 'chai';
import { amountPrompts } from '../../src/call/amount-speech';
import { runPaymentCall } from '../../src/call/payment-call';
import { FakeCall, SILENCE } from '../helpers/fake-call';
import { DEBIT } from './cards';
import { createFakeFlow, PAY_CODE } from './fake-flow-deps';

const PAY = { card: `${DEBIT}#`, pin: '123456#', confirm: '1' };

describe('runPaymentCall: the language of a call', () => {
  it('when an inbound order is in English, then the greeting is in DEFAULT_LANGUAGE and the rest, once the order is known, in English', async () => {
    const flow = createFakeFlow({ language: 'en', amount: 12345 });
    const call = new FakeCall({ language: 'zh', answers: { 'pay-code': `${PAY_CODE}#`, ...PAY } });

    expect(await runPaymentCall(call, flow.deps, {})).to.equal('paid');
    expect(call.heardFiles().slice(0, 2)).to.deep.equal(['zh/welcome', 'zh/enter-pay-code']);
    const rest = call.heardFiles().slice(2);
    expect(rest.slice(0, 1 + amountPrompts(12345, 'en').length)).to.deep.equal(
      ['amount-is', ...amountPrompts(12345, 'en')].map((id) => `en/${id}`),
    );
    expect(rest.every((f) => f.startsWith('en/'))).to.equal(true);
  });

  it('when the order gives no language (neither it nor its merchant), then the call stays in DEFAULT_LANGUAGE', async () => {
    const flow = createFakeFlow();
    const call = new FakeCall({ language: 'en', answers: { 'pay-code': `${PAY_CODE}#`, ...PAY } });

    expect(await runPaymentCall(call, flow.deps, {})).to.equal('paid');
    expect(call.heardFiles().every((f) => f.startsWith('en/'))).to.equal(true);
  });

  it('when a callback’s order is in English, then even the greeting is in English, and Mandarin is offered', async () => {
    const flow = createFakeFlow({ language: 'en', settings: { languageSwitch: true } });
    const call = new FakeCall({ language: 'zh', answers: { language: SILENCE, ...PAY } });

    expect(await runPaymentCall(call, flow.deps, { orderId: 'order-1' })).to.equal('paid');
    expect(call.heardFiles().slice(0, 4)).to.deep.equal([
      'en/welcome',
      'en/callback-intro',
      'zh/press-9-mandarin',
      'en/amount-is',
    ]);
    expect(call.heardFiles().filter((f) => f.startsWith('zh/'))).to.deep.equal(['zh/press-9-mandarin']);
  });

  it('when a callback’s cardholder presses 9 for Mandarin, then that wins over the order’s English', async () => {
    const flow = createFakeFlow({ language: 'en', settings: { languageSwitch: true } });
    const call = new FakeCall({ language: 'zh', answers: { language: '9', ...PAY } });

    expect(await runPaymentCall(call, flow.deps, { orderId: 'order-1' })).to.equal('paid');
    expect(call.heardFiles().slice(0, 4)).to.deep.equal([
      'en/welcome',
      'en/callback-intro',
      'zh/press-9-mandarin',
      'zh/amount-is',
    ]);
  });

  it('when a callback’s order gives no language, then the greeting is in DEFAULT_LANGUAGE', async () => {
    const flow = createFakeFlow();
    const call = new FakeCall({ language: 'zh', answers: PAY });

    expect(await runPaymentCall(call, flow.deps, { orderId: 'order-1' })).to.equal('paid');
    expect(call.heardFiles().every((f) => f.startsWith('zh/'))).to.equal(true);
  });
});
