import { expect } from 'chai';
import { createCallOrders } from '../../src/order/call-orders';
import { createMerchantService } from '../../src/services/merchant-service';
import { createOrderService, type OrderService } from '../../src/order/order-service';
import { createTestDeps, type TestDeps, describeEachStore } from '../helpers/test-db';

describeEachStore('order/call-orders claimById (a callback claims the order it was placed for)', () => {
  let deps: TestDeps;
  let orders: OrderService;
  let merchantId: string;

  async function newOrder(extra: { expiresInSeconds?: number } = {}) {
    return orders.createOrder(merchantId, { merchantOrderId: `A${Math.random()}`, amount: 12345, ...extra });
  }

  beforeEach(async () => {
    deps = await createTestDeps();
    orders = createOrderService({ ...deps, defaultExpiresSeconds: 1800 });
    merchantId = (await createMerchantService(deps).createMerchant('Acme Travel')).id;
  });
  afterEach(() => deps.db.destroy());

  it('when the order is payable, then the call holds it, hears merchant and amount, and an attempt is recorded', async () => {
    const order = await newOrder();
    const claim = await createCallOrders(deps).claimById(order.id, 'cb-1');

    expect(claim).to.deep.equal({
      ok: true,
      order: {
        id: order.id,
        merchantId,
        merchantName: 'Acme Travel',
        amount: 12345,
        currency: 'CNY',
        requires: { idNumber: true, mobile: true },
        confirmCard: false,
        greetingLanguages: [],
      },
    });
    const read = await orders.getOrder(merchantId, order.id);
    expect(read.status).to.equal('in_call');
    expect(read.attempts).to.deep.equal([{ startedAt: '2026-03-01T08:00:00.000Z', outcome: 'in_call' }]);
  });

  it('when two calls claim one order at once, then exactly one holds it and the other hears in_call', async () => {
    const order = await newOrder();
    const claims = await Promise.all([
      createCallOrders(deps).claimById(order.id, 'cb-1'),
      createCallOrders(deps).claimById(order.id, 'cb-2'),
    ]);
    expect(claims.filter((c) => c.ok)).to.have.length(1);
    expect(claims.find((c) => !c.ok)).to.deep.equal({ ok: false, reason: 'in_call' });
  });

  it('when the order is unknown, expired, paid or cancelled, then the claim says why', async () => {
    const calls = createCallOrders(deps);
    expect(await calls.claimById('ord_missing', 'cb-1')).to.deep.equal({ ok: false, reason: 'unknown' });

    const expiring = await newOrder({ expiresInSeconds: 60 });
    const paid = await newOrder();
    const cancelled = await newOrder();
    await deps.db('orders').where({ id: paid.id }).update({ status: 'paid', pay_code: null });
    await orders.cancelOrder(merchantId, cancelled.id);
    deps.advance(60_000);

    expect(await calls.claimById(expiring.id, 'cb-2')).to.deep.equal({ ok: false, reason: 'expired' });
    expect((await orders.getOrder(merchantId, expiring.id)).status).to.equal('expired');
    expect(await calls.claimById(paid.id, 'cb-3')).to.deep.equal({ ok: false, reason: 'paid' });
    expect(await calls.claimById(cancelled.id, 'cb-4')).to.deep.equal({ ok: false, reason: 'not_payable' });
  });

  it('when a callback attempt ended unpaid, then the next one claims the order again', async () => {
    const order = await newOrder();
    const calls = createCallOrders(deps);
    await calls.claimById(order.id, 'cb-1');
    await calls.releaseAfterCall(order.id, 'cb-1', 'abandoned');
    expect((await calls.claimById(order.id, 'cb-2')).ok).to.equal(true);
    expect((await orders.getOrder(merchantId, order.id)).attempts).to.have.length(2);
  });
});
