import { expect } from 'chai';
import { AppError } from '../../src/domain/app-error';
import { createMerchantService } from '../../src/services/merchant-service';
import { createOrderService, type OrderService } from '../../src/order/order-service';
import { createTestDeps, type TestDeps, describeEachStore } from '../helpers/test-db';

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(error).to.be.instanceOf(AppError);
  return error as AppError;
}

describeEachStore('order/order-service', () => {
  let deps: TestDeps;
  let orders: OrderService;
  let merchantId: string;

  beforeEach(async () => {
    deps = await createTestDeps();
    orders = createOrderService({ ...deps, defaultExpiresSeconds: 1800 });
    merchantId = (await createMerchantService(deps).createMerchant('Acme')).id;
  });
  afterEach(() => deps.db.destroy());

  it('when an order is created, then it is payable with a 6-digit pay code and the default expiry', async () => {
    const order = await orders.createOrder(merchantId, { merchantOrderId: 'A1001', amount: 12345, description: '机票' });

    expect(order).to.deep.include({
      merchantOrderId: 'A1001',
      amount: 12345,
      currency: 'CNY',
      description: '机票',
      mode: 'inbound',
      status: 'created',
      createdAt: '2026-03-01T08:00:00.000Z',
      expiresAt: '2026-03-01T08:30:00.000Z',
      attempts: [],
    });
    expect(order.id).to.match(/^ord_[0-9a-f]{20}$/);
    expect(order.payCode).to.match(/^[1-9]\d{5}$/);
    expect(order).not.to.have.property('card');
  });

  it('when expiresInSeconds is given, then the order expires that many seconds after creation', async () => {
    const order = await orders.createOrder(merchantId, { merchantOrderId: 'A1', amount: 1, expiresInSeconds: 60 });
    expect(order.expiresAt).to.equal('2026-03-01T08:01:00.000Z');
  });

  it('when the input is invalid, then validation fails with one message per bad field', async () => {
    const error = await rejection(
      orders.createOrder(merchantId, {
        merchantOrderId: '',
        amount: 0,
        currency: 'USD',
        description: 'x'.repeat(129),
        mode: 'fax',
        expiresInSeconds: 59,
      } as never),
    );
    expect(error.code).to.equal('validation_failed');
    expect(error.fields).to.deep.equal({
      merchantOrderId: 'must be 1 to 64 visible ASCII characters',
      amount: 'must be a positive integer (fen)',
      currency: 'must be CNY',
      description: 'must be at most 128 characters',
      mode: "must be 'inbound' or 'callback'",
      expiresInSeconds: 'must be an integer from 60 to 2592000 (seconds)',
    });
  });

  it('when the amount is fractional, too large or a string, then it is rejected', async () => {
    for (const amount of [1.5, 100_000_000_000, '100']) {
      const error = await rejection(orders.createOrder(merchantId, { merchantOrderId: 'A1', amount } as never));
      expect(error.fields, String(amount)).to.have.property('amount');
    }
    const biggest = await orders.createOrder(merchantId, { merchantOrderId: 'A2', amount: 99_999_999_999 });
    expect(biggest.amount).to.equal(99_999_999_999);
  });

  it('when a merchant reuses its merchantOrderId, then it is a conflict; another merchant may use the same id', async () => {
    await orders.createOrder(merchantId, { merchantOrderId: 'A1', amount: 1 });
    const error = await rejection(orders.createOrder(merchantId, { merchantOrderId: 'A1', amount: 2 }));
    expect(error.code).to.equal('conflict');

    const other = (await createMerchantService(deps).createMerchant('Other')).id;
    expect((await orders.createOrder(other, { merchantOrderId: 'A1', amount: 1 })).status).to.equal('created');
  });

  it('when another merchant asks for an order, then it is not found, as is an unknown id', async () => {
    const order = await orders.createOrder(merchantId, { merchantOrderId: 'A1', amount: 1 });
    const other = (await createMerchantService(deps).createMerchant('Other')).id;

    expect((await rejection(orders.getOrder(other, order.id))).code).to.equal('not_found');
    expect((await rejection(orders.getOrder(merchantId, 'ord_unknown'))).code).to.equal('not_found');
    expect((await orders.getOrder(merchantId, order.id)).id).to.equal(order.id);
  });

  it('when the generated pay code is taken, then another one is drawn', async () => {
    const codes = ['111111', '111111', '111111', '222222'];
    const scripted = createOrderService({ ...deps, defaultExpiresSeconds: 1800, newPayCode: () => codes.shift()! });
    const first = await scripted.createOrder(merchantId, { merchantOrderId: 'A1', amount: 1 });
    const second = await scripted.createOrder(merchantId, { merchantOrderId: 'A2', amount: 1 });
    expect([first.payCode, second.payCode]).to.deep.equal(['111111', '222222']);
  });

  it('when no free pay code is found, then creation fails as unavailable and stores nothing', async () => {
    const scripted = createOrderService({ ...deps, defaultExpiresSeconds: 1800, newPayCode: () => '111111' });
    await scripted.createOrder(merchantId, { merchantOrderId: 'A1', amount: 1 });
    expect((await rejection(scripted.createOrder(merchantId, { merchantOrderId: 'A2', amount: 1 }))).code).to.equal(
      'unavailable',
    );
    expect(await scripted.listOrders()).to.have.length(1);
  });

  it('when many orders are created, then their pay codes are all different', async () => {
    const created = await Promise.all(
      Array.from({ length: 200 }, (_, i) => orders.createOrder(merchantId, { merchantOrderId: `A${i}`, amount: 1 })),
    );
    expect(new Set(created.map((o) => o.payCode)).size).to.equal(200);
  });

  it('when an order is read after its expiry, then it reads and stays expired, without its pay code', async () => {
    const order = await orders.createOrder(merchantId, { merchantOrderId: 'A1', amount: 1, expiresInSeconds: 60 });
    deps.advance(60_000);

    const read = await orders.getOrder(merchantId, order.id);
    expect(read.status).to.equal('expired');
    expect(read).not.to.have.property('payCode');
    const row = await deps.db('orders').where({ id: order.id }).first();
    expect(row).to.include({ status: 'expired', pay_code: null, spent_pay_code: order.payCode });
  });

  it('when expireDue runs, then only payable orders past their expiry expire', async () => {
    const due = await orders.createOrder(merchantId, { merchantOrderId: 'A1', amount: 1, expiresInSeconds: 60 });
    const later = await orders.createOrder(merchantId, { merchantOrderId: 'A2', amount: 1, expiresInSeconds: 120 });
    const inCall = await orders.createOrder(merchantId, { merchantOrderId: 'A3', amount: 1, expiresInSeconds: 60 });
    await orders.claimByPayCode(inCall.payCode!, 'call-1');
    deps.advance(90_000);

    expect(await orders.expireDue()).to.equal(1);
    expect((await orders.getOrder(merchantId, due.id)).status).to.equal('expired');
    expect((await orders.getOrder(merchantId, later.id)).status).to.equal('created');
    expect((await orders.getOrder(merchantId, inCall.id)).status).to.equal('in_call');
  });

  it('when orders are listed by merchant and status, then only those match, newest first', async () => {
    const other = (await createMerchantService(deps).createMerchant('Other')).id;
    await orders.createOrder(merchantId, { merchantOrderId: 'A1', amount: 1 });
    deps.advance(1000);
    const second = await orders.createOrder(merchantId, { merchantOrderId: 'A2', amount: 1 });
    await orders.createOrder(other, { merchantOrderId: 'B1', amount: 1 });
    await orders.claimByPayCode(second.payCode!, 'call-1');

    const mine = await orders.listOrders({ merchantId });
    expect(mine.map((o) => o.merchantOrderId)).to.deep.equal(['A2', 'A1']);
    const inCall = await orders.listOrders({ status: 'in_call' });
    expect(inCall.map((o) => o.id)).to.deep.equal([second.id]);
    expect(inCall[0].attempts).to.have.length(1);
    expect((await orders.findOrder(second.id))?.merchantId).to.equal(merchantId);
    expect(await orders.findOrder('ord_nope')).to.equal(undefined);
  });
});
