import { expect } from 'chai';
import { runPaymentCall } from '../../src/call/payment-call';
import { FakeCall } from '../helpers/fake-call';
import { DEBIT } from './cards';
import { createFakeFlow } from './fake-flow-deps';

const PAY_WITH_DEBIT = { card: `${DEBIT}#`, pin: '123456#', confirm: '1' };

describe('runPaymentCall: a callback (started from a known order)', () => {
  it('when the cardholder answers, then they hear why they are called and the amount, and pay without a pay code', async () => {
    const flow = createFakeFlow({ amount: 12345 });
    const call = new FakeCall({ id: 'cb-1', answers: PAY_WITH_DEBIT });

    expect(await runPaymentCall(call, flow.deps, { orderId: 'order-1' })).to.equal('paid');
    expect(call.played[0]).to.deep.equal(['welcome', 'callback-intro']);
    expect(call.played[1]?.[0]).to.equal('amount-is');
    expect(call.asked).to.not.include('pay-code');
    expect(flow.claims).to.deep.equal(['cb-1']);
    expect(flow.state()).to.equal('paid');
  });

  it('when the order was paid in the meantime, then the cardholder is told and nothing is asked', async () => {
    const flow = createFakeFlow();
    flow.setState('paid');
    const call = new FakeCall({ answers: {} });

    expect(await runPaymentCall(call, flow.deps, { orderId: 'order-1' })).to.equal('no-order');
    expect(call.asked).to.deep.equal([]);
    expect(call.heard()).to.include.members(['order-already-paid', 'goodbye']);
    expect(call.scriptHungUp).to.equal(true);
  });

  it('when the order is unknown, then the call ends politely instead of asking for a pay code', async () => {
    const flow = createFakeFlow();
    const call = new FakeCall({ answers: {} });

    expect(await runPaymentCall(call, flow.deps, { orderId: 'order-404' })).to.equal('no-order');
    expect(call.asked).to.deep.equal([]);
    expect(call.heard()).to.include.members(['order-not-payable', 'goodbye']);
    expect(call.heard()).to.not.include('pay-code-invalid');
  });

  it('when the cardholder hangs up while keying the card, then the order is released as abandoned', async () => {
    const flow = createFakeFlow();
    const call = new FakeCall({ id: 'cb-2', hangUpAt: 'card' });

    expect(await runPaymentCall(call, flow.deps, { orderId: 'order-1' })).to.equal('abandoned');
    expect(flow.releases).to.deep.equal([{ orderId: 'order-1', callId: 'cb-2', outcome: 'abandoned' }]);
  });
});
