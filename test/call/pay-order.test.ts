import { expect } from 'chai';
import { runPaymentCall } from '../../src/call/payment-call';
import { FakeCall } from '../helpers/fake-call';
import { DEBIT } from './cards';
import { createFakeFlow, PAY_CODE } from './fake-flow-deps';

describe('call: pay-order', () => {
  it('when the payment is still pending after the caller’s wait, then they hear it is being confirmed (never "nothing was charged"), and the call releases the order', async () => {
    const flow = createFakeFlow();
    flow.deps.payments = { pay: () => Promise.resolve({ outcome: 'pending' }) };
    const call = new FakeCall({ answers: { card: `${DEBIT}#`, pin: '123456#', confirm: '1' } });

    const outcome = await runPaymentCall(call, flow.deps, { payCode: PAY_CODE });

    expect(outcome).to.equal('pending');
    expect(call.heard().slice(-3)).to.deep.equal(['please-wait', 'payment-confirming', 'goodbye']);
    expect(call.heard()).to.not.include('acquirer-unavailable');
    expect(call.asked).to.not.include('another-card');
    expect(flow.releases).to.deep.equal([{ orderId: 'order-1', callId: 'call-1', outcome: 'abandoned' }]);
  });
});
