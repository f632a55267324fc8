import { expect } from 'chai';
import { jobNamed } from './job-targets';
import { createMerchantService } from '../../src/services/merchant-service';
import { createOrderService } from '../../src/order/order-service';
import { createTestDeps, type TestDeps, describeEachStore } from '../helpers/test-db';

describeEachStore('jobs/expire-orders', () => {
  let deps: TestDeps;
  beforeEach(async () => {
    deps = await createTestDeps();
  });
  afterEach(() => deps.db.destroy());

  it('when the job runs, then orders past their expiry are stored as expired and keep no pay code', async () => {
    const orders = createOrderService({ ...deps, defaultExpiresSeconds: 1800 });
    const { id: merchantId } = await createMerchantService(deps).createMerchant('A');
    const due = await orders.createOrder(merchantId, { merchantOrderId: 'A1', amount: 1, expiresInSeconds: 60 });
    const fresh = await orders.createOrder(merchantId, { merchantOrderId: 'A2', amount: 1 });
    deps.advance(61_000);

    const job = jobNamed('expire-orders', { orders });
    expect(job.schedule).to.equal('* * * * *');
    await job.run();

    const rows = await deps.db('orders').select('id', 'status', 'pay_code').orderBy('merchant_order_id');
    expect(rows).to.deep.equal([
      { id: due.id, status: 'expired', pay_code: null },
      { id: fresh.id, status: 'created', pay_code: fresh.payCode },
    ]);
  });
});
