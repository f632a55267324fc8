import { expect } from 'chai';
import { createMerchantService } from '../../src/services/merchant-service';
import { createOrderService, type OrderService } from '../../src/order/order-service';
import { createTestDeps, type TestDeps } from '../helpers/test-db';

describe('order/order-service reads', () => {
  let deps: TestDeps;
  let orders: OrderService;
  let merchantId: string;
  let statements: string[];

  beforeEach(async () => {
    deps = await createTestDeps();
    orders = createOrderService({ ...deps, defaultExpiresSeconds: 1800 });
    merchantId = (await createMerchantService(deps).createMerchant('Acme')).id;
    statements = [];
    deps.db.on('query', (q: { sql: string }) => statements.push(q.sql.split(' ')[0].toLowerCase()));
  });
  afterEach(() => deps.db.destroy());

  it('when a payable order is read before its expiry, then the read writes nothing', async () => {
    const order = await orders.createOrder(merchantId, { merchantOrderId: 'A1', amount: 1, expiresInSeconds: 60 });
    statements = [];
    deps.advance(59_000);

    expect((await orders.getOrder(merchantId, order.id)).status).to.equal('created');
    expect((await orders.findOrder(order.id))?.status).to.equal('created');
    expect(statements.filter((s) => s !== 'select')).to.deep.equal([]);
  });

  it('when the order is read at its expiry, then it is stored as expired, and it reads expired from then on', async () => {
    const order = await orders.createOrder(merchantId, { merchantOrderId: 'A1', amount: 1, expiresInSeconds: 60 });
    deps.advance(60_000);

    expect((await orders.findOrder(order.id))?.status).to.equal('expired');
    expect(statements).to.include('update');
    const row = await deps.db('orders').where({ id: order.id }).first();
    expect(row).to.include({ status: 'expired', pay_code: null });
    statements = [];
    expect((await orders.getOrder(merchantId, order.id)).status).to.equal('expired');
    expect(statements.filter((s) => s !== 'select')).to.deep.equal([]);
  });

  it('when another merchant reads a due order, then it is not found and the order is left as it was', async () => {
    const order = await orders.createOrder(merchantId, { merchantOrderId: 'A1', amount: 1, expiresInSeconds: 60 });
    const other = (await createMerchantService(deps).createMerchant('Other')).id;
    deps.advance(60_000);

    const err = await orders.getOrder(other, order.id).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).to.have.property('code', 'not_found');
    expect(statements.filter((s) => s === 'update')).to.deep.equal([]);
  });
});
