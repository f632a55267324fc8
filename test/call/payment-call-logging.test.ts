import { expect } from 'chai';
import { runPaymentCall } from '../../src/call/payment-call';
import { TEST_CARDS, TEST_CVN2, TEST_EXPIRY_MMYY, TEST_HOLDER, TEST_PIN } from '../../sandbox-acquirer/test-cards';
import { FakeCall } from '../helpers/fake-call';
import { CREDIT, DEBIT, INSUFFICIENT_FUNDS } from './cards';
import { createFakeFlow, PAY_CODE } from './fake-flow-deps';

const WRONG_PIN = '864209';

describe('runPaymentCall: logs', () => {
  it('when a call tries three cards with holder data, then the log names fields and outcomes but holds no card or holder data', async () => {
    const flow = createFakeFlow({ requires: { idNumber: true, mobile: true } });
    const call = new FakeCall({
      id: 'call-log-1',
      answers: {
        'pay-code': `${PAY_CODE}#`,
        card: [`${DEBIT}#`, `${INSUFFICIENT_FUNDS}#`, `${CREDIT}#`],
        pin: [`${WRONG_PIN}#`, `${TEST_PIN}#`],
        expiry: [`0125#`, `${TEST_EXPIRY_MMYY}#`],
        cvn2: [`12#`, `${TEST_CVN2}#`],
        id: [`${TEST_HOLDER.idNumber.slice(0, 17)}0#`, ...Array<string>(3).fill(`${TEST_HOLDER.idNumber}#`)],
        mobile: `${TEST_HOLDER.mobile}#`,
        confirm: '1',
        'another-card': '1',
      },
    });

    const outcome = await runPaymentCall(call, flow.deps, {});
    const log = flow.logText();

    expect(outcome).to.equal('paid');
    // The log is there and useful: without this the scan below could pass on an empty log.
    expect(log).to.include('"callId":"call-log-1"').and.include('"orderId":"order-1"');
    expect(log).to.include('"field":"cvn2"').and.include('"field":"expiry"').and.include('"outcome":"paid"');
    const secrets = [
      ...TEST_CARDS.map((c) => c.pan),
      TEST_PIN,
      WRONG_PIN,
      TEST_CVN2,
      TEST_EXPIRY_MMYY,
      '0125',
      TEST_HOLDER.idNumber,
      TEST_HOLDER.idNumber.slice(0, 17),
      TEST_HOLDER.mobile,
      PAY_CODE,
    ];
    for (const secret of secrets) expect(log, `log holds ${secret}`).to.not.include(secret);
  });
});
