import { expect } from 'chai';
import { amountPrompts } from '../../src/call/amount-speech';
import { digitPrompts } from '../../src/call/digit-speech';
import { runPaymentCall } from '../../src/call/payment-call';
import { FakeCall, SILENCE, type FakeCallScript } from '../helpers/fake-call';
import { DEBIT } from './cards';
import { createFakeFlow, PAY_CODE, type FakeFlowOptions } from './fake-flow-deps';

const PAY = { card: `${DEBIT}#`, pin: '123456#', confirm: '1' };

/** An inbound call keying the pay code, with the language offer on (DEFAULT_LANGUAGE: the FakeCall's language). */
async function inbound(answers: FakeCallScript['answers'], options: FakeFlowOptions = {}, language: 'zh' | 'en' = 'zh') {
  const flow = createFakeFlow({ ...options, settings: { languageSwitch: true, ...options.settings } });
  const call = new FakeCall({ language, answers: { 'pay-code': `${PAY_CODE}#`, ...PAY, ...answers } });
  const outcome = await runPaymentCall(call, flow.deps, {});
  return { flow, call, outcome };
}

/** What was heard from the first prompt with this id on, as sound files. */
function heardFrom(call: FakeCall, id: string): string[] {
  const files = call.heardFiles();
  return files.slice(files.findIndex((f) => f.endsWith(`/${id}`)));
}

describe('offerLanguage: the language switch after the greeting', () => {
  it('when the caller presses 9 in a Mandarin call, then the rest of the call is in English, amount and digits too', async () => {
    const { call, outcome } = await inbound({ language: '9' });

    expect(outcome).to.equal('paid');
    expect(call.heardFiles().slice(0, 3)).to.deep.equal(['zh/welcome', 'en/press-9-english', 'en/enter-pay-code']);
    expect(
      call
        .heardFiles()
        .slice(1)
        .every((f) => f.startsWith('en/')),
    ).to.equal(true);
    const amount = amountPrompts(12345, 'en').map((id) => `en/${id}`);
    expect(heardFrom(call, 'amount-is').slice(1, 1 + amount.length)).to.deep.equal(amount);
    const readback = ['readback-card', ...digitPrompts('0018'), 'readback-amount', ...amountPrompts(12345, 'en')];
    expect(heardFrom(call, 'readback-card').slice(0, readback.length)).to.deep.equal(readback.map((id) => `en/${id}`));
    // The offer is a one-key collect that only takes 9, with its own short wait and barge-in (its prompt is a collect's).
    expect(call.collects[0]).to.deep.include({
      field: 'language',
      prompts: ['press-9-english'],
      maxDigits: 1,
      firstDigitTimeoutMs: 2000,
      only: '9',
    });
  });

  it('when the caller keys the pay code over the offer, then no digit is lost: that code pays, and the call stays in Mandarin', async () => {
    // The whole code is keyed during the offer; the pay-code field itself gets no further key.
    const { flow, call, outcome } = await inbound({ language: `${PAY_CODE}#`, 'pay-code': '' });

    expect(outcome).to.equal('paid');
    expect(call.asked.slice(0, 2)).to.deep.equal(['language', 'pay-code']);
    expect(flow.claims).to.have.length(1);
    expect(flow.state()).to.equal('paid');
    expect(
      call
        .heardFiles()
        .filter((f) => f !== 'en/press-9-english')
        .every((f) => f.startsWith('zh/')),
    ).to.equal(true);
  });

  it('when the caller presses another key, then the call stays in Mandarin and that key is the pay code’s first digit', async () => {
    // 5 during the offer, then 83920 once the pay code is asked: one pay code, asked once.
    const { flow, call, outcome } = await inbound({ language: '5', 'pay-code': ['83920#'] });

    expect(outcome).to.equal('paid');
    expect(call.heard()).not.to.include('pay-code-invalid');
    expect(flow.claims).to.have.length(1);
    expect(heardFrom(call, 'amount-is')[0]).to.equal('zh/amount-is');
  });

  it('when the caller presses nothing, then after the short wait the call goes on in Mandarin', async () => {
    const { call, outcome } = await inbound({ language: SILENCE });

    expect(outcome).to.equal('paid');
    expect(call.heardFiles().slice(0, 3)).to.deep.equal(['zh/welcome', 'en/press-9-english', 'zh/enter-pay-code']);
    expect(heardFrom(call, 'amount-is')[0]).to.equal('zh/amount-is');
  });

  it('when the switch is off, then nothing is offered and the call is in Mandarin', async () => {
    const { call, outcome } = await inbound({}, { settings: { languageSwitch: false } });

    expect(outcome).to.equal('paid');
    expect(call.asked).not.to.include('language');
    expect(call.heard()).not.to.include('press-9-english');
    expect(call.heardFiles().every((f) => f.startsWith('zh/'))).to.equal(true);
  });

  it('when the call starts in English, then Mandarin is offered in Mandarin, and 9 switches the call to Mandarin', async () => {
    const { call, outcome } = await inbound({ language: '9' }, {}, 'en');

    expect(outcome).to.equal('paid');
    expect(call.heardFiles().slice(0, 3)).to.deep.equal(['en/welcome', 'zh/press-9-mandarin', 'zh/enter-pay-code']);
    expect(heardFrom(call, 'amount-is')[0]).to.equal('zh/amount-is');
  });

  it('when the caller chose English and the order is in Mandarin, then the caller’s choice wins', async () => {
    const { call } = await inbound({ language: '9' }, { language: 'zh' });
    expect(heardFrom(call, 'amount-is')[0]).to.equal('en/amount-is');
  });

  it('when the caller did not choose and the order is in English, then the call turns English once the order is known', async () => {
    const { call } = await inbound({ language: SILENCE }, { language: 'en' });
    expect(call.heardFiles().slice(0, 3)).to.deep.equal(['zh/welcome', 'en/press-9-english', 'zh/enter-pay-code']);
    expect(heardFrom(call, 'amount-is')[0]).to.equal('en/amount-is');
  });

  it('when the caller hangs up during the offer, then the call is abandoned and no order is claimed', async () => {
    const flow = createFakeFlow({ settings: { languageSwitch: true } });
    const call = new FakeCall({ answers: {}, hangUpAt: 'language' });

    expect(await runPaymentCall(call, flow.deps, {})).to.equal('abandoned');
    expect(flow.claims).to.deep.equal([]);
    expect(flow.state()).to.equal('created');
  });
});
