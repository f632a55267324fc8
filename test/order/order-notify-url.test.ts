import { expect } from 'chai';
import { AppError } from '../../src/domain/app-error';
import { createMerchantService } from '../../src/services/merchant-service';
import { createOrderService, type OrderService } from '../../src/order/order-service';
import { createTestDeps, type TestDeps } from '../helpers/test-db';

describe('order/order-service notifyUrl', () => {
  let deps: TestDeps;
  let orders: OrderService;
  let merchantId: string;
  let n = 0;
  const create = (notifyUrl: unknown) =>
    orders.createOrder(merchantId, { merchantOrderId: `N${++n}`, amount: 100, notifyUrl } as never);

  beforeEach(async () => {
    deps = await createTestDeps();
    orders = createOrderService({ ...deps, defaultExpiresSeconds: 1800 });
    merchantId = (await createMerchantService(deps).createMerchant('Acme')).id;
  });
  afterEach(() => deps.db.destroy());

  it('when an http or https notify URL is given, then the order keeps it and shows it; without one, none', async () => {
    expect((await create('https://merchant.example/hooks/ivrpay?x=1')).notifyUrl).to.equal(
      'https://merchant.example/hooks/ivrpay?x=1',
    );
    expect((await create('http://127.0.0.1:8080/hook')).notifyUrl).to.equal('http://127.0.0.1:8080/hook');
    expect(await create(undefined)).not.to.have.property('notifyUrl');
  });

  it('when the notify URL is not http(s), too long, carries credentials or is not a string, then validation fails on that field', async () => {
    const bad = [
      'ftp://merchant.example/x',
      'javascript:alert(1)',
      'merchant.example/hook',
      `https://m.example/${'a'.repeat(2048)}`,
      'https://user:pw@m.example/h',
      42,
    ];
    for (const url of bad) {
      const error = await create(url).catch((err: unknown) => err);
      expect(error, String(url).slice(0, 40)).to.be.instanceOf(AppError);
      expect((error as AppError).fields).to.have.property('notifyUrl');
    }
  });
});
