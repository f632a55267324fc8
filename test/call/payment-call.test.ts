import { expect } from 'chai';
import { runPaymentCall } from '../../src/call/payment-call';
import type { PromptId } from '../../src/call/prompt-manifest';
import { amountPrompts } from '../../src/call/amount-speech';
import { digitPrompts } from '../../src/call/digit-speech';
import { FakeCall, SILENCE } from '../helpers/fake-call';
import { CREDIT, DEBIT, ID_WITH_X, INSUFFICIENT_FUNDS, UNAVAILABLE } from './cards';
import { createFakeFlow, PAY_CODE } from './fake-flow-deps';

function readback(lastFour: string, fen: number, lang: 'zh' | 'en' = 'zh'): PromptId[] {
  return ['readback-card', ...digitPrompts(lastFour), 'readback-amount', ...amountPrompts(fen, lang), 'confirm-pay'];
}

describe('runPaymentCall: payments', () => {
  it('when a caller keys the pay code and pays by credit card, then the order is paid and the whole script is heard in order', async () => {
    const flow = createFakeFlow();
    const call = new FakeCall({
      answers: { 'pay-code': `${PAY_CODE}#`, card: `${CREDIT}#`, expiry: '1230#', cvn2: '123#', confirm: '1' },
    });

    const outcome = await runPaymentCall(call, flow.deps, {});

    expect(outcome).to.equal('paid');
    expect(flow.state()).to.equal('paid');
    expect(call.heard()).to.deep.equal([
      'welcome',
      'enter-pay-code',
      'amount-is',
      ...amountPrompts(12345, 'zh'),
      'enter-card',
      'card-check-warning', // the credit test card fails Luhn and is accepted
      'enter-expiry',
      'enter-cvn2',
      ...readback('0000', 12345),
      'please-wait',
      'payment-success',
      'goodbye',
    ]);
    expect(call.asked).to.deep.equal(['pay-code', 'card', 'expiry', 'cvn2', 'confirm']);
    expect(call.answered && call.scriptHungUp).to.equal(true);
    expect(flow.payments).to.have.length(1);
    expect(flow.payments[0]).to.include({ kind: 'credit', bankCode: 'pab', masked: '622155******0000' });
    expect(flow.releases).to.deep.equal([]);
  });

  it('when the pay code comes with the transfer and a debit card is used, then no pay code is asked, no Luhn warning is heard and the PIN is asked', async () => {
    const flow = createFakeFlow();
    const call = new FakeCall({ answers: { card: `${DEBIT}#`, pin: '123456#', confirm: '1' } });

    const outcome = await runPaymentCall(call, flow.deps, { payCode: PAY_CODE });

    expect(outcome).to.equal('paid');
    expect(call.asked).to.deep.equal(['card', 'pin', 'confirm']);
    expect(call.heard()).to.not.include('card-check-warning');
    expect(call.heard()).to.include.members(readback('0018', 12345));
  });

  it('when a fixed-length field is keyed without #, then the pause submits it', async () => {
    const flow = createFakeFlow();
    const call = new FakeCall({ answers: { card: `${DEBIT}#`, pin: '123456', confirm: '1' } });

    expect(await runPaymentCall(call, flow.deps, { payCode: PAY_CODE })).to.equal('paid');
    expect(call.heard()).to.not.include('pin-invalid');
  });

  it('when the caller speaks English, then the amount is read in English', async () => {
    const flow = createFakeFlow({ amount: 100500 });
    const call = new FakeCall({ language: 'en', answers: { card: `${DEBIT}#`, pin: '123456#', confirm: '1' } });

    await runPaymentCall(call, flow.deps, { payCode: PAY_CODE });

    expect(call.played[1]).to.deep.equal(['amount-is', ...amountPrompts(100500, 'en')]);
  });

  it('when the order requires ID and mobile, then `*` keys the X and a bad mobile is asked again', async () => {
    const flow = createFakeFlow({ requires: { idNumber: true, mobile: true } });
    const call = new FakeCall({
      answers: {
        card: `${DEBIT}#`,
        pin: '123456#',
        id: `${ID_WITH_X.slice(0, 17)}*#`,
        mobile: ['12345678901#', '13552535506#'],
        confirm: '1',
        'another-card': '2',
      },
    });

    const outcome = await runPaymentCall(call, flow.deps, { payCode: PAY_CODE });

    expect(flow.payments[0].holder).to.deep.equal({ idNumber: ID_WITH_X, mobile: '13552535506' });
    expect(call.heard().filter((p) => p === 'mobile-invalid')).to.have.length(1);
    expect(call.asked).to.deep.equal(['card', 'pin', 'id', 'mobile', 'mobile', 'confirm', 'another-card']);
    // Not the sandbox holder's ID: the acquirer refuses it.
    expect(call.heard()).to.include('reason-id_mobile_mismatch');
    expect(outcome).to.equal('declined');
  });

  it('when the caller presses 2 at the read-back, then the card is keyed again and the second one is paid', async () => {
    const flow = createFakeFlow();
    const call = new FakeCall({
      answers: { card: [`${CREDIT}#`, `${DEBIT}#`], expiry: '1230#', cvn2: '123#', pin: '123456#', confirm: ['2', '1'] },
    });

    const outcome = await runPaymentCall(call, flow.deps, { payCode: PAY_CODE });

    expect(outcome).to.equal('paid');
    expect(call.asked).to.deep.equal(['card', 'expiry', 'cvn2', 'confirm', 'card', 'pin', 'confirm']);
    expect(flow.payments.map((p) => p.kind)).to.deep.equal(['debit']);
  });

  it('when the caller re-enters at the read-back as many times as attempts allow, then the call ends as abandoned', async () => {
    const flow = createFakeFlow();
    const call = new FakeCall({ answers: { card: `${DEBIT}#`, pin: '123456#', confirm: '2' } });

    const outcome = await runPaymentCall(call, flow.deps, { payCode: PAY_CODE });

    expect(outcome).to.equal('abandoned');
    expect(call.asked.filter((f) => f === 'confirm')).to.have.length(3);
    expect(call.played.at(-1)).to.deep.equal(['too-many-attempts', 'goodbye']);
    expect(flow.releases).to.deep.equal([{ orderId: 'order-1', callId: 'call-1', outcome: 'abandoned' }]);
    expect(flow.payments).to.deep.equal([]);
  });

  it('when a confirm key is out of range, then invalid-key is heard and the read-back asked again', async () => {
    const flow = createFakeFlow();
    const call = new FakeCall({ answers: { card: `${DEBIT}#`, pin: '123456#', confirm: ['7', '1'] } });

    expect(await runPaymentCall(call, flow.deps, { payCode: PAY_CODE })).to.equal('paid');
    expect(call.heard()).to.include('invalid-key');
  });
});

describe('runPaymentCall: declines and the acquirer', () => {
  it('when the first card is declined and the caller tries another, then the second card pays the order', async () => {
    const flow = createFakeFlow();
    const call = new FakeCall({
      answers: {
        card: [`${DEBIT}#`, `${CREDIT}#`],
        pin: '111111#',
        expiry: '1230#',
        cvn2: '123#',
        confirm: '1',
        'another-card': '1',
      },
    });

    const outcome = await runPaymentCall(call, flow.deps, { payCode: PAY_CODE });

    expect(outcome).to.equal('paid');
    expect(flow.state()).to.equal('paid');
    const heard = call.heard();
    expect(heard.slice(heard.indexOf('payment-declined'), heard.indexOf('payment-declined') + 3)).to.deep.equal([
      'payment-declined',
      'reason-wrong_pin',
      'try-another-card',
    ]);
    expect(flow.payments.map((p) => p.kind)).to.deep.equal(['debit', 'credit']);
    expect(flow.releases).to.deep.equal([]);
  });

  it('when a card is declined and the caller presses 2, then the call ends as declined and the order is released as declined', async () => {
    const flow = createFakeFlow();
    const call = new FakeCall({ answers: { card: `${INSUFFICIENT_FUNDS}#`, pin: '123456#', confirm: '1', 'another-card': '2' } });

    const outcome = await runPaymentCall(call, flow.deps, { payCode: PAY_CODE });

    expect(outcome).to.equal('declined');
    expect(call.heard()).to.include('reason-insufficient_funds');
    expect(call.played.at(-1)).to.deep.equal(['goodbye']);
    expect(call.scriptHungUp).to.equal(true);
    expect(flow.releases).to.deep.equal([{ orderId: 'order-1', callId: 'call-1', outcome: 'declined' }]);
    expect(flow.state()).to.equal('declined');
  });

  it('when a card is declined and the caller stays silent at the offer, then the call ends as declined', async () => {
    const flow = createFakeFlow();
    const call = new FakeCall({
      answers: { card: `${INSUFFICIENT_FUNDS}#`, pin: '123456#', confirm: '1', 'another-card': SILENCE },
    });

    expect(await runPaymentCall(call, flow.deps, { payCode: PAY_CODE })).to.equal('declined');
    expect(call.asked.filter((f) => f === 'another-card')).to.have.length(1);
    expect(call.heard()).to.not.include('no-input');
  });

  it('when the caller has used settings.maxCards cards, then no other card is offered', async () => {
    const flow = createFakeFlow({ settings: { maxCards: 2 } });
    const call = new FakeCall({ answers: { card: `${INSUFFICIENT_FUNDS}#`, pin: '123456#', confirm: '1', 'another-card': '1' } });

    const outcome = await runPaymentCall(call, flow.deps, { payCode: PAY_CODE });

    expect(outcome).to.equal('declined');
    expect(flow.payments).to.have.length(2);
    expect(call.asked.filter((f) => f === 'another-card')).to.have.length(1);
  });

  it('when the acquirer is unavailable, then the caller is told nothing was charged and the order stays payable', async () => {
    const flow = createFakeFlow();
    const call = new FakeCall({ answers: { card: `${UNAVAILABLE}#`, pin: '123456#', confirm: '1' } });

    const outcome = await runPaymentCall(call, flow.deps, { payCode: PAY_CODE });

    expect(outcome).to.equal('unavailable');
    expect(call.played.at(-1)).to.deep.equal(['acquirer-unavailable', 'goodbye']);
    expect(flow.releases).to.deep.equal([{ orderId: 'order-1', callId: 'call-1', outcome: 'abandoned' }]);
    expect(call.asked).to.not.include('another-card');
  });
});
