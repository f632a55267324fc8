import { expect } from 'chai';
import { handBackVariables } from '../../src/call/hand-back';
import { runPaymentCall } from '../../src/call/payment-call';
import { FakeCall } from '../helpers/fake-call';
import { DEBIT, INSUFFICIENT_FUNDS } from './cards';
import { createFakeFlow, PAY_CODE } from './fake-flow-deps';

describe('call/hand-back: back to the agent', () => {
  it('when a caller a call centre wants back pays, then the call is handed back paid with the order id, after the result', async () => {
    const flow = createFakeFlow();
    const call = new FakeCall({ answers: { card: `${DEBIT}#`, pin: '123456', confirm: '1' } });

    const outcome = await runPaymentCall(call, flow.deps, { payCode: PAY_CODE, returnTo: '8001' });

    expect(outcome).to.equal('paid');
    expect(call.handedBack).to.deep.equal({
      extension: '8001',
      variables: { IVRPAY_RESULT: 'paid', IVRPAY_REASON: 'approved', IVRPAY_ORDER_ID: flow.order.id },
    });
    expect(call.heard().slice(-2)).to.deep.equal(['payment-success', 'returning-to-agent']);
    expect(call.heard()).to.not.include('goodbye');
    expect(call.scriptHungUp).to.equal(false);
  });

  it('when the card is declined and the caller tries no other, then the call is handed back not paid with the decline reason', async () => {
    const flow = createFakeFlow();
    const call = new FakeCall({
      answers: { card: `${INSUFFICIENT_FUNDS}#`, pin: '123456', confirm: '1', 'another-card': '2' },
    });

    const outcome = await runPaymentCall(call, flow.deps, { payCode: PAY_CODE, returnTo: 'agent_7' });

    expect(outcome).to.equal('declined');
    expect(call.handedBack?.variables).to.deep.equal({
      IVRPAY_RESULT: 'not_paid',
      IVRPAY_REASON: 'insufficient_funds',
      IVRPAY_ORDER_ID: flow.order.id,
    });
  });

  it('when the pay code names no order, then the call is handed back not paid, why, and without an order id', async () => {
    const flow = createFakeFlow();
    const call = new FakeCall({ answers: { 'pay-code': ['000001', '000002', '000003'] } });

    const outcome = await runPaymentCall(call, flow.deps, { returnTo: '8001' });

    expect(outcome).to.equal('abandoned');
    expect(call.handedBack?.variables).to.deep.equal({
      IVRPAY_RESULT: 'not_paid',
      IVRPAY_REASON: 'too_many_attempts',
      IVRPAY_ORDER_ID: '',
    });
    expect(call.heard().slice(-2)).to.deep.equal(['too-many-attempts', 'returning-to-agent']);
  });

  it('when the caller hangs up, then nothing is handed back', async () => {
    const flow = createFakeFlow();
    const call = new FakeCall({ answers: { card: `${DEBIT}#` }, hangUpAt: 'pin' });

    const outcome = await runPaymentCall(call, flow.deps, { payCode: PAY_CODE, returnTo: '8001' });

    expect(outcome).to.equal('abandoned');
    expect(call.handedBack).to.equal(undefined);
  });

  it('when no call centre asked for the caller back, then the call ends with goodbye and a hang-up as before', async () => {
    const flow = createFakeFlow();
    const call = new FakeCall({ answers: { card: `${DEBIT}#`, pin: '123456', confirm: '1' } });

    await runPaymentCall(call, flow.deps, { payCode: PAY_CODE });

    expect(call.handedBack).to.equal(undefined);
    expect(call.heard().slice(-1)).to.deep.equal(['goodbye']);
    expect(call.scriptHungUp).to.equal(true);
  });

  it('maps every outcome to paid, pending or not_paid, with the outcome as the reason when none is given', () => {
    expect(handBackVariables('paid', undefined, 'ord_1')).to.deep.equal({
      IVRPAY_RESULT: 'paid',
      IVRPAY_REASON: 'approved',
      IVRPAY_ORDER_ID: 'ord_1',
    });
    expect(handBackVariables('pending', undefined, 'ord_1').IVRPAY_RESULT).to.equal('pending');
    expect(handBackVariables('unavailable', undefined, 'ord_1')).to.include({
      IVRPAY_RESULT: 'not_paid',
      IVRPAY_REASON: 'acquirer_unavailable',
    });
    expect(handBackVariables('no-order', 'expired', undefined)).to.deep.equal({
      IVRPAY_RESULT: 'not_paid',
      IVRPAY_REASON: 'expired',
      IVRPAY_ORDER_ID: '',
    });
  });
});
