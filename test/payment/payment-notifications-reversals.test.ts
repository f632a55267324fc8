import { expect } from 'chai';
import type { AcquirerNotification } from '../../src/acquirer/acquirer-port';
import { createPaymentNotifications } from '../../src/payment/payment-notifications';
import { createTestDeps, type TestDeps, describeEachStore } from '../helpers/test-db';

const cancelNotification: AcquirerNotification = {
  acquirerOrderId: 'rfd0123456789abcdef0123',
  txnTime: '20260301100000',
  isPayment: false,
  txnType: '31',
  responseCode: '00',
  acquirerRef: '202603011000001234567',
  amount: 100,
  names: () => false,
  result: () => ({ outcome: 'approved', acquirerRef: '202603011000001234567', responseCode: '00' }),
};

describeEachStore('payment/payment-notifications: cancels and refunds', () => {
  let deps: TestDeps;
  beforeEach(async () => {
    deps = await createTestDeps();
  });
  afterEach(() => deps.db.destroy());

  it('when a verified notification is of a cancel or refund, then it goes to the refunds, and is ignored without them', async () => {
    const seen: AcquirerNotification[] = [];
    const withRefunds = createPaymentNotifications({
      ...deps,
      parse: () => ({ ok: true, notification: cancelNotification }),
      reversals: {
        receive: (n) => {
          seen.push(n);
          return Promise.resolve({ status: 'applied', changed: true });
        },
      },
    });
    expect(await withRefunds.receive('body')).to.deep.equal({ status: 'applied', changed: true });
    expect(seen).to.deep.equal([cancelNotification]);

    const without = createPaymentNotifications({ ...deps, parse: () => ({ ok: true, notification: cancelNotification }) });
    expect(await without.receive('body')).to.deep.equal({ status: 'ignored' });
  });
});
