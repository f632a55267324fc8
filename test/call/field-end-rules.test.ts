import { expect } from 'chai';
import { runPaymentCall } from '../../src/call/payment-call';
import { FakeCall } from '../helpers/fake-call';
import { CREDIT, DEBIT } from './cards';
import { createFakeFlow, PAY_CODE } from './fake-flow-deps';

const ID = '341126197709218366';
const MOBILE = '13552535506';
const HOLDER = { requires: { idNumber: true, mobile: true } };

/** Each field's collect as the script asked for it, by field name. */
function collectsOf(call: FakeCall) {
  return Object.fromEntries(call.collects.map((c) => [c.field, c]));
}

// Issue 13, "no dead air": a fixed-length field ends on its last key, so the next prompt starts at once.
describe('runPaymentCall: where each field ends', () => {
  it('when every fixed-length field is keyed without #, then each ends on its last digit and the debit card pays', async () => {
    const flow = createFakeFlow(HOLDER);
    const call = new FakeCall({
      answers: { 'pay-code': PAY_CODE, card: `${DEBIT}`, pin: '123456', id: ID, mobile: MOBILE, confirm: '1' },
    });

    expect(await runPaymentCall(call, flow.deps, {})).to.equal('paid');
    const asked = collectsOf(call);
    expect(asked['pay-code']).to.include({ maxDigits: 6 });
    expect(asked.pin).to.include({ maxDigits: 6 });
    expect(asked.id).to.include({ maxDigits: 18 });
    expect(asked.mobile).to.include({ maxDigits: 11 });
    expect(asked.confirm).to.include({ maxDigits: 1 });
    expect(call.heard().filter((p) => p.endsWith('-invalid') || p === 'no-input')).to.deep.equal([]);
  });

  it('when the credit fields are keyed without #, then expiry ends on 4 digits and CVN2 on 3', async () => {
    const flow = createFakeFlow();
    const call = new FakeCall({ answers: { card: `${CREDIT}#`, expiry: '1230', cvn2: '123', confirm: '1' } });

    expect(await runPaymentCall(call, flow.deps, { payCode: PAY_CODE })).to.equal('paid');
    const asked = collectsOf(call);
    expect(asked.expiry).to.include({ maxDigits: 4 });
    expect(asked.cvn2).to.include({ maxDigits: 3 });
  });

  it('when the caller adds # after every fixed-length field, then each # is ignored and nothing is refused', async () => {
    const flow = createFakeFlow(HOLDER);
    const call = new FakeCall({
      answers: {
        'pay-code': `${PAY_CODE}#`,
        card: `${DEBIT}#`,
        pin: '123456#',
        id: `${ID}#`,
        mobile: `${MOBILE}#`,
        confirm: '1#',
      },
    });

    expect(await runPaymentCall(call, flow.deps, {})).to.equal('paid');
    expect(call.heard().filter((p) => p.endsWith('-invalid') || p === 'no-input')).to.deep.equal([]);
  });

  it('when an ID ends in X, then * keys it and the 18th key ends the field', async () => {
    const flow = createFakeFlow(HOLDER);
    const call = new FakeCall({
      // Not the test card's holder, so the sandbox declines; what matters is the ID as the payment got it.
      answers: { card: `${DEBIT}#`, pin: '123456', id: '11010519491231002*', mobile: MOBILE, confirm: '1', 'another-card': '2' },
    });

    await runPaymentCall(call, flow.deps, { payCode: PAY_CODE });
    expect(collectsOf(call).id).to.include({ maxDigits: 18 });
    expect(flow.payments[0]?.holder?.idNumber).to.equal('11010519491231002X');
  });

  it('when the card number is asked, then it ends on # or the 19th digit, or on a short pause once 16 digits are in', async () => {
    const flow = createFakeFlow({ settings: { completePauseMs: 1200 } });
    const call = new FakeCall({ answers: { card: `${DEBIT}#`, pin: '123456', confirm: '1' } });

    expect(await runPaymentCall(call, flow.deps, { payCode: PAY_CODE })).to.equal('paid');
    expect(collectsOf(call).card).to.deep.include({
      maxDigits: 19,
      terminator: '#',
      completeAfter: { minDigits: 16, pauseMs: 1200 },
    });
  });
});
