import { expect } from 'chai';
import { runPaymentCall } from '../../src/call/payment-call';
import { PaymentStateUnknownError } from '../../src/call/submit-payment';
import { FakeCall } from '../helpers/fake-call';
import { DEBIT } from './cards';
import { createFakeFlow, PAY_CODE } from './fake-flow-deps';

describe('runPaymentCall: our own faults', () => {
  it('when the payment service fails without an answer, then the caller hears service-unavailable, the error is rethrown and the order is released as abandoned (an unsettled attempt keeps it from being claimed)', async () => {
    const flow = createFakeFlow({ payResult: () => Promise.reject(new Error(`connection reset while sending ${DEBIT}`)) });
    const call = new FakeCall({ answers: { card: `${DEBIT}#`, pin: '123456#', confirm: '1' } });

    const error = await runPaymentCall(call, flow.deps, { payCode: PAY_CODE }).then(
      () => undefined,
      (err: unknown) => err,
    );

    expect(error).to.be.instanceOf(PaymentStateUnknownError);
    expect((error as Error).message).to.not.include(DEBIT);
    expect(call.played.at(-1)).to.deep.equal(['service-unavailable', 'goodbye']);
    expect(flow.releases.map((r) => r.outcome)).to.deep.equal(['abandoned']);
    expect(flow.state()).to.equal('abandoned');
    expect(flow.logText()).to.not.include(DEBIT);
  });

  it('when the store fails after the order was claimed, then the order is released as abandoned and the error rethrown', async () => {
    const flow = createFakeFlow();
    flow.deps.cards.lookup = () => Promise.reject(new Error('disk I/O error'));
    const call = new FakeCall({ answers: { card: `${DEBIT}#` } });

    let thrown: unknown;
    await runPaymentCall(call, flow.deps, { payCode: PAY_CODE }).catch((err: unknown) => {
      thrown = err;
    });

    expect((thrown as Error).message).to.equal('disk I/O error');
    expect(flow.releases.map((r) => r.outcome)).to.deep.equal(['abandoned']);
    expect(call.scriptHungUp).to.equal(true);
  });
});
