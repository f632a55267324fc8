import { expect } from 'chai';
import type { FieldName } from '../../src/call/field-name';
import { runPaymentCall } from '../../src/call/payment-call';
import { FakeCall, type FakeCallScript } from '../helpers/fake-call';
import { AMBIGUOUS, CREDIT, INSUFFICIENT_FUNDS } from './cards';
import { createFakeFlow, PAY_CODE } from './fake-flow-deps';

/** One script reaching every field: ambiguous BIN → credit, declined (not a sandbox card) → another card → debit. */
const EVERY_FIELD: FakeCallScript['answers'] = {
  'pay-code': `${PAY_CODE}#`,
  card: [`${AMBIGUOUS}#`, `${INSUFFICIENT_FUNDS}#`],
  'card-kind': '1',
  expiry: '1230#',
  cvn2: '123#',
  pin: '123456#',
  id: '341126197709218366#',
  mobile: '13552535506#',
  confirm: '1',
  'another-card': '1',
};
const FIELDS: FieldName[] = ['pay-code', 'card', 'card-kind', 'expiry', 'cvn2', 'id', 'mobile', 'confirm', 'another-card', 'pin'];

describe('runPaymentCall: the caller hangs up', () => {
  it('when the whole script runs without a hang-up, then every field is asked (the table below is complete)', async () => {
    const flow = createFakeFlow({ requires: { idNumber: true, mobile: true } });
    const call = new FakeCall({ answers: { ...EVERY_FIELD, 'another-card': ['1', '2'] } });

    expect(await runPaymentCall(call, flow.deps, {})).to.equal('declined');
    expect(new Set(call.asked)).to.deep.equal(new Set(FIELDS));
  });

  for (const field of FIELDS) {
    it(`when the caller hangs up at ${field}, then the call is abandoned, nothing is paid and the order is released`, async () => {
      const flow = createFakeFlow({ requires: { idNumber: true, mobile: true } });
      const call = new FakeCall({ answers: EVERY_FIELD, hangUpAt: field });

      const outcome = await runPaymentCall(call, flow.deps, {});

      expect(outcome).to.equal('abandoned');
      expect(flow.state()).to.not.equal('paid');
      expect(call.scriptHungUp).to.equal(false);
      if (field === 'pay-code') {
        expect(flow.releases).to.deep.equal([]);
      } else {
        expect(flow.releases).to.deep.equal([{ orderId: 'order-1', callId: 'call-1', outcome: 'abandoned' }]);
        expect(flow.state()).to.equal('abandoned');
      }
    });
  }

  it('when the caller hangs up during the comfort prompt, then nothing is sent to the acquirer', async () => {
    const flow = createFakeFlow();
    const call = new FakeCall({
      answers: { card: `${CREDIT}#`, expiry: '1230#', cvn2: '123#', confirm: '1' },
      hangUpOnPrompt: 'please-wait',
    });

    expect(await runPaymentCall(call, flow.deps, { payCode: PAY_CODE })).to.equal('abandoned');
    expect(flow.payments).to.deep.equal([]);
    expect(flow.state()).to.equal('abandoned');
  });

  it('when the caller hangs up while the acquirer declines, then the order is released as abandoned', async () => {
    const call = new FakeCall({ answers: { card: `${INSUFFICIENT_FUNDS}#`, pin: '123456#', confirm: '1' } });
    const flow = createFakeFlow({ duringPayment: () => call.hangUpNow() });

    expect(await runPaymentCall(call, flow.deps, { payCode: PAY_CODE })).to.equal('abandoned');
    expect(flow.payments).to.have.length(1);
    expect(flow.state()).to.equal('abandoned');
  });

  it('when the caller hangs up while the acquirer approves, then the call still counts as paid and the order is not released', async () => {
    const call = new FakeCall({ answers: { card: `${CREDIT}#`, expiry: '1230#', cvn2: '123#', confirm: '1' } });
    const flow = createFakeFlow({ duringPayment: () => call.hangUpNow() });

    expect(await runPaymentCall(call, flow.deps, { payCode: PAY_CODE })).to.equal('paid');
    expect(flow.state()).to.equal('paid');
    expect(flow.releases).to.deep.equal([]);
    expect(call.heard()).to.not.include('payment-success');
  });

  it('when releasing the order fails after a hang-up, then the call still ends as abandoned', async () => {
    const flow = createFakeFlow();
    flow.deps.orders.releaseAfterCall = () => Promise.reject(new Error('database is locked'));
    const call = new FakeCall({ answers: {}, hangUpAt: 'card' });

    expect(await runPaymentCall(call, flow.deps, { payCode: PAY_CODE })).to.equal('abandoned');
    expect(flow.logText()).to.include('could not release the order');
  });
});
