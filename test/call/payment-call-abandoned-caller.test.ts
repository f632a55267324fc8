import { expect } from 'chai';
import { runPaymentCall } from '../../src/call/payment-call';
import { FakeCall } from '../helpers/fake-call';
import { DEBIT, INSUFFICIENT_FUNDS } from './cards';
import { createFakeFlow, PAY_CODE } from './fake-flow-deps';

const MOBILE = '13812345678';

describe('runPaymentCall: the inbound caller handed over for the SMS to callers who leave an order unpaid', () => {
  it('when an inbound caller hangs up after the order was claimed, then the release carries the caller number', async () => {
    const flow = createFakeFlow();
    const call = new FakeCall({ answers: { 'pay-code': `${PAY_CODE}#` }, hangUpAt: 'card' });

    expect(await runPaymentCall(call, flow.deps, { callerNumber: MOBILE })).to.equal('abandoned');
    expect(flow.callersToRemind).to.deep.equal([{ orderId: 'order-1', outcome: 'abandoned', callerNumber: MOBILE }]);
  });

  it('when an inbound caller runs out of attempts, then the release carries the caller number', async () => {
    const flow = createFakeFlow();
    const call = new FakeCall({ answers: { card: `${DEBIT}#`, pin: '123456#', confirm: '2' } });

    expect(await runPaymentCall(call, flow.deps, { payCode: PAY_CODE, callerNumber: MOBILE })).to.equal('abandoned');
    expect(call.heard()).to.include('too-many-attempts');
    expect(flow.callersToRemind).to.deep.equal([{ orderId: 'order-1', outcome: 'abandoned', callerNumber: MOBILE }]);
  });

  it('when the channel had no caller ID, then the release still names the caller, empty, so the reason is logged', async () => {
    const flow = createFakeFlow();
    const call = new FakeCall({ hangUpAt: 'card' });

    expect(await runPaymentCall(call, flow.deps, { payCode: PAY_CODE })).to.equal('abandoned');
    expect(flow.callersToRemind).to.deep.equal([{ orderId: 'order-1', outcome: 'abandoned', callerNumber: '' }]);
  });

  it('when a callback’s cardholder hangs up, then no caller is handed over: callbacks have their own reminder', async () => {
    const flow = createFakeFlow();
    const call = new FakeCall({ id: 'cb-1', hangUpAt: 'card' });

    expect(await runPaymentCall(call, flow.deps, { orderId: 'order-1', callerNumber: MOBILE })).to.equal('abandoned');
    expect(flow.releases).to.deep.equal([{ orderId: 'order-1', callId: 'cb-1', outcome: 'abandoned' }]);
    expect(flow.callersToRemind).to.deep.equal([]);
  });

  it('when the caller ends after a decline, pays, or hangs up before any order is claimed, then no caller is handed over', async () => {
    const declined = createFakeFlow();
    const declining = new FakeCall({
      answers: { card: `${INSUFFICIENT_FUNDS}#`, pin: '123456#', confirm: '1', 'another-card': '2' },
    });
    expect(await runPaymentCall(declining, declined.deps, { payCode: PAY_CODE, callerNumber: MOBILE })).to.equal('declined');

    const paid = createFakeFlow();
    const paying = new FakeCall({ answers: { card: `${DEBIT}#`, pin: '123456#', confirm: '1' } });
    expect(await runPaymentCall(paying, paid.deps, { payCode: PAY_CODE, callerNumber: MOBILE })).to.equal('paid');

    const early = createFakeFlow();
    const hangsUpEarly = new FakeCall({ hangUpAt: 'pay-code' });
    expect(await runPaymentCall(hangsUpEarly, early.deps, { callerNumber: MOBILE })).to.equal('abandoned');

    expect([...declined.callersToRemind, ...paid.callersToRemind, ...early.callersToRemind]).to.deep.equal([]);
    expect(declined.releases.map((r) => r.outcome)).to.deep.equal(['declined']);
  });

  it('when the caller number is handed over, then the call script logs no part of it', async () => {
    const flow = createFakeFlow();
    const call = new FakeCall({ hangUpAt: 'card' });

    await runPaymentCall(call, flow.deps, { payCode: PAY_CODE, callerNumber: MOBILE });
    expect(flow.logText()).to.not.include('12345678');
  });
});
