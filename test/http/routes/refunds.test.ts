import { expect } from 'chai';
import type { Application } from 'express';
import request from 'supertest';
import { createApp } from '../../../src/http/create-app';
import { orderSchema, refundSchema } from '../../../src/http/api-schemas';
import { createOrderService } from '../../../src/order/order-service';
import type { OrderView } from '../../../src/order/order-view';
import type { RefundView } from '../../../src/refund/refund-view';
import { createBankService } from '../../../src/services/bank-service';
import { createIdempotencyStore } from '../../../src/services/idempotency-store';
import { createMerchantService } from '../../../src/services/merchant-service';
import type { OrderRow } from '../../../src/store/rows';
import { bodyOf, errorOf } from '../../helpers/body-of';
import { startRefundBench, type RefundBench } from '../../refund/refund-fixture';

describe('http/routes/refunds (POST /v1/orders/:id/refunds)', function () {
  this.timeout(10_000);
  let b: RefundBench;
  let app: Application;
  let key: string;
  let otherKey: string;
  let paid: OrderRow;

  beforeEach(async () => {
    b = await startRefundBench();
    const merchants = createMerchantService(b.deps);
    // The bench's merchants have no key we know: the API's merchant is made here and owns the paid order.
    const acme = await merchants.createMerchant('Acme API');
    key = acme.apiKey;
    otherKey = (await merchants.createMerchant('Other API')).apiKey;
    app = createApp({
      merchants,
      orders: createOrderService({ ...b.deps, defaultExpiresSeconds: 1800 }),
      refunds: b.refunds,
      banks: createBankService(b.deps),
      idempotency: createIdempotencyStore(b.deps),
      rateLimitPerMinute: 10_000,
      log: b.deps.log,
      now: b.deps.now,
    });
    paid = await b.paidOrder({ amount: 10_000 });
    await b.deps.db('orders').where({ id: paid.id }).update({ merchant_id: acme.id });
  });
  afterEach(() => b.deps.db.destroy());

  const post = (orderId: string, body: unknown, idempotencyKey: string | null = 'key-1', apiKey = key) => {
    const req = request(app).post(`/v1/orders/${orderId}/refunds`).set('Authorization', `Bearer ${apiKey}`);
    return (idempotencyKey === null ? req : req.set('Idempotency-Key', idempotencyKey)).send(body as object);
  };
  const getOrder = (id: string) => request(app).get(`/v1/orders/${id}`).set('Authorization', `Bearer ${key}`);

  it('when a merchant refunds part of a paid order, then 201 with the refund, and the order lists it and reads partially_refunded', async () => {
    const res = await post(paid.id, { amount: 2_500, reason: '退货' });
    expect(res.status).to.equal(201);
    const refund = bodyOf<RefundView>(res);
    expect(refund).to.include({ orderId: paid.id, kind: 'refund', amount: 2_500, state: 'succeeded', reason: '退货' });
    expect(refundSchema.safeParse(refund).success).to.equal(true);
    const order = bodyOf<OrderView>(await getOrder(paid.id));
    expect(order).to.include({ status: 'partially_refunded', refundedAmount: 2_500 });
    expect(order.refunds?.map((r) => r.id)).to.deep.equal([refund.id]);
    expect(orderSchema.safeParse(order).success).to.equal(true);
  });

  it('when the rest is refunded too, then the order reads refunded and can never be paid again (it stays paid in the store)', async () => {
    await post(paid.id, { amount: 2_500, reason: 'a' }, 'k1');
    await post(paid.id, { amount: 7_500, reason: 'b' }, 'k2');
    expect(bodyOf<OrderView>(await getOrder(paid.id))).to.include({ status: 'refunded', refundedAmount: 10_000 });
    expect(await b.deps.db('orders').where({ id: paid.id }).first()).to.include({ status: 'paid', pay_code: null });
  });

  it('when the same Idempotency-Key comes again with the same body, then the first answer is replayed and nothing is refunded twice', async () => {
    const first = await post(paid.id, { amount: 1_000, reason: 'r' });
    const again = await post(paid.id, { amount: 1_000, reason: 'r' });
    expect(again.status).to.equal(201);
    expect(again.headers['idempotent-replayed']).to.equal('true');
    expect(bodyOf<RefundView>(again).id).to.equal(bodyOf<RefundView>(first).id);
    expect(await b.deps.db('refunds')).to.have.length(1);
    expect(b.sandbox.reversalsSent()).to.equal(1);
  });

  it('when the same Idempotency-Key comes with another body, then 422 idempotency_mismatch and nothing changes', async () => {
    await post(paid.id, { amount: 1_000, reason: 'r' });
    const res = await post(paid.id, { amount: 2_000, reason: 'r' });
    expect(res.status).to.equal(422);
    expect(errorOf(res).code).to.equal('idempotency_mismatch');
    expect(await b.deps.db('refunds')).to.have.length(1);
  });

  it('when there is no Idempotency-Key, then 400 naming it', async () => {
    const res = await post(paid.id, { amount: 1_000, reason: 'r' }, null);
    expect(res.status).to.equal(400);
    expect(errorOf(res).fields).to.have.property('Idempotency-Key');
    expect(await b.deps.db('refunds')).to.have.length(0);
  });

  it('when the amount is above what is left, then 422 refund_exceeds_remaining naming amount', async () => {
    const res = await post(paid.id, { amount: 10_001, reason: 'r' });
    expect(res.status).to.equal(422);
    expect(errorOf(res)).to.deep.include({ code: 'refund_exceeds_remaining' });
    expect(errorOf(res).fields?.amount).to.match(/at most 10000/);
  });

  it('when the fields are bad, then 400 validation_failed naming each', async () => {
    const res = await post(paid.id, { amount: 0, reason: '' });
    expect(res.status).to.equal(400);
    expect(Object.keys(errorOf(res).fields ?? {}).sort()).to.deep.equal(['amount', 'reason']);
  });

  it('when the order is another merchant’s, then 404 as for orders; when it is not paid, then 409 order_not_refundable', async () => {
    expect((await post(paid.id, { amount: 100, reason: 'r' }, 'k', otherKey)).status).to.equal(404);
    const created = await request(app)
      .post('/v1/orders')
      .set('Authorization', `Bearer ${key}`)
      .send({ merchantOrderId: 'U1', amount: 100 });
    const res = await post(bodyOf<OrderView>(created).id, { amount: 100, reason: 'r' }, 'k2');
    expect(res.status).to.equal(409);
    expect(errorOf(res).code).to.equal('order_not_refundable');
    expect(await b.deps.db('refunds')).to.have.length(0);
  });

  it('when many requests with different keys race for one order, then what they refund never exceeds the payment', async () => {
    const answers = await Promise.all(
      Array.from({ length: 15 }, (_, i) => post(paid.id, { amount: 3_000, reason: 'race' }, `race-${i}`)),
    );
    expect(answers.filter((r) => r.status === 201)).to.have.length(3);
    expect(answers.filter((r) => r.status === 422)).to.have.length(12);
    expect(await b.deps.db('orders').where({ id: paid.id }).first()).to.include({
      refund_reserved: 9_000,
      refunded_amount: 9_000,
    });
  });
});
