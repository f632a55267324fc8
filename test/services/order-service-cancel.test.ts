import { expect } from 'chai';
import { AppError } from '../../src/domain/app-error';
import { createCallOrders } from '../../src/services/call-orders';
import { createMerchantService } from '../../src/services/merchant-service';
import { createOrderService, type OrderService } from '../../src/services/order-service';
import { createTestDeps, type TestDeps } from '../helpers/test-db';

describe('services/order-service cancelOrder', () => {
  let deps: TestDeps;
  let orders: OrderService;
  let merchantId: string;
  beforeEach(async () => {
    deps = await createTestDeps();
    orders = createOrderService({ ...deps, defaultExpiresSeconds: 1800 });
    merchantId = (await createMerchantService(deps).createMerchant('Acme')).id;
  });
  afterEach(() => deps.db.destroy());

  const failure = (promise: Promise<unknown>) => promise.then(() => undefined, (err: unknown) => err as AppError);

  it('when a declined order is cancelled, then it is cancelled (declined orders can still be paid)', async () => {
    const order = await orders.createOrder(merchantId, { merchantOrderId: 'A1', amount: 100 });
    await deps.db('orders').where({ id: order.id }).update({ status: 'declined' });
    expect((await orders.cancelOrder(merchantId, order.id)).status).to.equal('cancelled');
  });

  it('when a caller holds the order, then it cannot be cancelled under them', async () => {
    const order = await orders.createOrder(merchantId, { merchantOrderId: 'A1', amount: 100 });
    const claim = await createCallOrders(deps).claimByPayCode(order.payCode!, 'call-1');
    expect(claim.ok).to.equal(true);

    const err = await failure(orders.cancelOrder(merchantId, order.id));
    expect(err).to.be.instanceOf(AppError);
    expect(err?.code).to.equal('order_not_payable');
    expect(err?.message).to.include('in_call');
  });

  it('when the order id is unknown or another merchant’s, then not_found', async () => {
    const order = await orders.createOrder(merchantId, { merchantOrderId: 'A1', amount: 100 });
    expect((await failure(orders.cancelOrder('mch_other', order.id)))?.code).to.equal('not_found');
    expect((await failure(orders.cancelOrder(merchantId, 'ord_nope')))?.code).to.equal('not_found');
  });
});
