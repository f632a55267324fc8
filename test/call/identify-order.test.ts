import { expect } from 'chai';
import { runPaymentCall } from '../../src/call/payment-call';
import { FakeCall, SILENCE } from '../helpers/fake-call';
import { DEBIT } from './cards';
import { createFakeFlow, PAY_CODE } from './fake-flow-deps';

const PAY_WITH_DEBIT = { card: `${DEBIT}#`, pin: '123456#', confirm: '1' };

describe('runPaymentCall: identifying the order', () => {
  it('when the caller keys an unknown pay code three times, then they hear pay-code-invalid each time and the call ends politely', async () => {
    const flow = createFakeFlow();
    const call = new FakeCall({ answers: { 'pay-code': '111111#' } });

    const outcome = await runPaymentCall(call, flow.deps, {});

    expect(outcome).to.equal('abandoned');
    expect(call.asked).to.deep.equal(['pay-code', 'pay-code', 'pay-code']);
    expect(call.heard().filter((p) => p === 'pay-code-invalid')).to.have.length(3);
    expect(call.played.at(-1)).to.deep.equal(['too-many-attempts', 'goodbye']);
    expect(call.scriptHungUp).to.equal(true);
    expect(flow.releases).to.deep.equal([]);
  });

  it('when an unknown pay code is followed by the right one, then the order is paid', async () => {
    const flow = createFakeFlow();
    const call = new FakeCall({ answers: { 'pay-code': ['111111#', `${PAY_CODE}#`], ...PAY_WITH_DEBIT } });

    expect(await runPaymentCall(call, flow.deps, {})).to.equal('paid');
    expect(call.collects.map((c) => c.flush)).to.deep.equal([false, true, false, false, false]);
  });

  it('when the pay code has the wrong length, then it is refused without asking the store', async () => {
    const flow = createFakeFlow();
    const call = new FakeCall({ answers: { 'pay-code': ['12345#', '1234', `${PAY_CODE}#`], ...PAY_WITH_DEBIT } });

    expect(await runPaymentCall(call, flow.deps, {})).to.equal('paid');
    expect(flow.claims).to.have.length(1);
    expect(call.heard().filter((p) => p === 'pay-code-invalid')).to.have.length(2);
  });

  it('when the pay code passed with the transfer is unknown, then the caller is asked for it', async () => {
    const flow = createFakeFlow();
    const call = new FakeCall({ answers: { 'pay-code': `${PAY_CODE}#`, ...PAY_WITH_DEBIT } });

    expect(await runPaymentCall(call, flow.deps, { payCode: '999999' })).to.equal('paid');
    expect(call.asked[0]).to.equal('pay-code');
    expect(flow.claims).to.have.length(2);
  });

  it('when the caller stays silent at the pay code, then no-input is heard each time and the call ends', async () => {
    const flow = createFakeFlow();
    const call = new FakeCall({ answers: { 'pay-code': SILENCE } });

    const outcome = await runPaymentCall(call, flow.deps, {});

    expect(outcome).to.equal('abandoned');
    expect(call.heard().filter((p) => p === 'no-input')).to.have.length(3);
    expect(flow.claims).to.have.length(0);
  });

  const refusals = [
    { state: 'expired', prompt: 'order-expired' },
    { state: 'paid', prompt: 'order-already-paid' },
    { state: 'in_call', prompt: 'order-in-call' },
    { state: 'declined', prompt: 'order-not-payable' },
  ] as const;
  for (const { state, prompt } of refusals) {
    it(`when the order is ${state}, then the caller hears ${prompt}, goodbye, and no card is asked`, async () => {
      const flow = createFakeFlow();
      flow.setState(state);
      const call = new FakeCall({ answers: { 'pay-code': `${PAY_CODE}#`, ...PAY_WITH_DEBIT } });

      const outcome = await runPaymentCall(call, flow.deps, {});

      expect(outcome).to.equal('no-order');
      expect(call.played.at(-1)).to.deep.equal([prompt, 'goodbye']);
      expect(call.asked).to.deep.equal(['pay-code']);
      expect(call.scriptHungUp).to.equal(true);
      expect(flow.state()).to.equal(state);
      expect(flow.releases).to.deep.equal([]);
    });
  }

  it('when the pay code passed with the transfer names an expired order, then the caller is not asked to key one', async () => {
    const flow = createFakeFlow();
    flow.setState('expired');
    const call = new FakeCall({});

    expect(await runPaymentCall(call, flow.deps, { payCode: PAY_CODE })).to.equal('no-order');
    expect(call.asked).to.deep.equal([]);
    expect(call.heard()).to.deep.equal(['welcome', 'order-expired', 'goodbye']);
  });
});
