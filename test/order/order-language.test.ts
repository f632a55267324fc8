import { expect } from 'chai';
import { AppError } from '../../src/domain/app-error';
import { createMerchantService } from '../../src/services/merchant-service';
import { createOrderService, type OrderService } from '../../src/order/order-service';
import { createTestDeps, type TestDeps } from '../helpers/test-db';

describe('order/order-service language', () => {
  let deps: TestDeps;
  let orders: OrderService;
  let merchantId: string;
  let n = 0;
  const create = (language: unknown) =>
    orders.createOrder(merchantId, { merchantOrderId: `L${++n}`, amount: 100, language } as never);

  beforeEach(async () => {
    deps = await createTestDeps();
    orders = createOrderService({ ...deps, defaultExpiresSeconds: 1800 });
    merchantId = (await createMerchantService(deps).createMerchant('Acme')).id;
  });
  afterEach(() => deps.db.destroy());

  it('when an order gives zh or en, then it is stored and shown; without one, the row holds null and nothing is shown', async () => {
    const en = await create('en');
    const zh = await create('zh');
    const none = await create(undefined);
    expect((await orders.getOrder(merchantId, en.id)).language).to.equal('en');
    expect((await orders.getOrder(merchantId, zh.id)).language).to.equal('zh');
    expect(await orders.getOrder(merchantId, none.id)).not.to.have.property('language');
    expect(await deps.db('orders').where({ id: none.id }).first('language')).to.deep.equal({ language: null });
  });

  it('when the language is unknown, then validation fails on that field with a clear message and nothing is stored', async () => {
    for (const language of ['fr', 'EN', 'english', '', ' zh', 0]) {
      const error = await create(language).catch((err: unknown) => err);
      expect(error, String(language)).to.be.instanceOf(AppError);
      expect((error as AppError).code).to.equal('validation_failed');
      expect((error as AppError).fields).to.deep.equal({ language: "must be 'zh' (Mandarin) or 'en' (English)" });
    }
    expect(await deps.db('orders').count({ n: '*' })).to.deep.equal([{ n: 0 }]);
  });
});
