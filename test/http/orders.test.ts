import { expect } from 'chai';
import type { Application } from 'express';
import request from 'supertest';
import { createApp } from '../../src/http/create-app';
import type { OrderView } from '../../src/order/order-view';
import { createBankService } from '../../src/services/bank-service';
import { createCallOrders } from '../../src/order/call-orders';
import { createIdempotencyStore } from '../../src/services/idempotency-store';
import { createMerchantService } from '../../src/services/merchant-service';
import { createOrderService } from '../../src/order/order-service';
import type { OrderRow } from '../../src/store/rows';
import { bodyOf, errorOf } from '../helpers/body-of';
import { createTestDeps, type TestDeps } from '../helpers/test-db';

describe('http/routes/orders', () => {
  let deps: TestDeps;
  let app: Application;
  let key: string;
  let otherKey: string;

  beforeEach(async () => {
    deps = await createTestDeps();
    const merchants = createMerchantService(deps);
    const orders = createOrderService({ ...deps, defaultExpiresSeconds: 1800 });
    app = createApp({
      merchants,
      orders,
      banks: createBankService(deps),
      idempotency: createIdempotencyStore(deps),
      rateLimitPerMinute: 1000,
      log: deps.log,
    });
    key = (await merchants.createMerchant('Acme')).apiKey;
    otherKey = (await merchants.createMerchant('Other')).apiKey;
  });
  afterEach(() => deps.db.destroy());

  const create = (body: unknown, apiKey = key) =>
    request(app)
      .post('/v1/orders')
      .set('Authorization', `Bearer ${apiKey}`)
      .send(body as object);

  it('when a merchant creates an order, then it gets 201 with the order, its pay code and a Location', async () => {
    const res = await create({ merchantOrderId: 'A1001', amount: 12345, currency: 'CNY', description: '机票', mode: 'inbound' });

    expect(res.status).to.equal(201);
    expect(res.body).to.deep.include({
      merchantOrderId: 'A1001',
      amount: 12345,
      currency: 'CNY',
      status: 'created',
      mode: 'inbound',
    });
    const order = bodyOf<OrderView>(res);
    expect(order.payCode).to.match(/^\d{6}$/);
    expect(order.expiresAt).to.equal('2026-03-01T08:30:00.000Z');
    expect(res.headers.location).to.equal(`/v1/orders/${order.id}`);
    expect(res.headers['cache-control']).to.equal('no-store');
  });

  it('when the merchant reads its order, then it gets the same order with its attempts', async () => {
    const created = bodyOf<OrderView>(await create({ merchantOrderId: 'A1', amount: 100 }));
    const res = await request(app).get(`/v1/orders/${created.id}`).set('Authorization', `Bearer ${key}`);
    expect(res.status).to.equal(200);
    expect(res.body).to.deep.equal(created);
    expect(bodyOf<OrderView>(res).attempts).to.deep.equal([]);
  });

  it('when fields are invalid, then 400 validation_failed lists a message per field', async () => {
    const res = await create({ merchantOrderId: 'A1', amount: -5, currency: 'USD', mode: 'fax' });
    expect(res.status).to.equal(400);
    expect(res.body).to.deep.equal({
      error: {
        code: 'validation_failed',
        message: 'the request has invalid fields',
        fields: {
          amount: 'must be a positive integer (fen)',
          currency: 'must be CNY',
          mode: "must be 'inbound' or 'callback'",
        },
      },
    });
  });

  it('when the language is not zh or en, then 400 validation_failed names it, and no order is made', async () => {
    for (const language of ['fr', 'EN', 'zh-CN', '', 9, null]) {
      const res = await create({ merchantOrderId: 'A1', amount: 100, language });
      expect(res.status, JSON.stringify(language)).to.equal(400);
      expect(res.body, JSON.stringify(language)).to.deep.equal({
        error: {
          code: 'validation_failed',
          message: 'the request has invalid fields',
          fields: { language: "must be 'zh' (Mandarin) or 'en' (English)" },
        },
      });
    }
    // Nothing was stored under the refused bodies: the merchant order id is still free.
    expect((await create({ merchantOrderId: 'A1', amount: 100, language: 'en' })).status).to.equal(201);
  });

  it('when an order gives its language, then the order shows it; without one, it shows none', async () => {
    const english = bodyOf<OrderView>(await create({ merchantOrderId: 'A1', amount: 100, language: 'en' }));
    expect(english.language).to.equal('en');
    const read = await request(app).get(`/v1/orders/${english.id}`).set('Authorization', `Bearer ${key}`);
    expect(bodyOf<OrderView>(read).language).to.equal('en');
    expect(bodyOf<OrderView>(await create({ merchantOrderId: 'A2', amount: 100 }))).not.to.have.property('language');
  });

  it('when the body is not JSON at all, then 400 without echoing the body', async () => {
    const res = await request(app)
      .post('/v1/orders')
      .set('Authorization', `Bearer ${key}`)
      .set('Content-Type', 'application/json')
      .send('{"merchantOrderId": "6216261000000000018",');
    expect(res.status).to.equal(400);
    expect(errorOf(res)).to.deep.equal({ code: 'validation_failed', message: 'the body is not valid JSON' });
    expect(res.text).not.to.include('6216261000000000018');
  });

  it('when the body is missing or not an object, then 400 says so', async () => {
    const res = await request(app).post('/v1/orders').set('Authorization', `Bearer ${key}`).send();
    expect(res.status).to.equal(400);
    expect(errorOf(res).fields).to.deep.equal({ body: 'the body must be a JSON object' });
  });

  it('when the body is over 16 kB, then 413', async () => {
    const res = await create({ merchantOrderId: 'A1', amount: 1, description: 'x'.repeat(20_000) });
    expect(res.status).to.equal(413);
    expect(errorOf(res).code).to.equal('validation_failed');
  });

  it('when the key is missing, malformed or wrong, then 401 unauthorized', async () => {
    for (const header of [undefined, 'Basic abc', 'Bearer', `Bearer ${key}x`, key]) {
      const req = request(app).post('/v1/orders').send({ merchantOrderId: 'A1', amount: 1 });
      const res = await (header === undefined ? req : req.set('Authorization', header));
      expect(res.status, String(header)).to.equal(401);
      expect(errorOf(res).code).to.equal('unauthorized');
      expect(res.headers['www-authenticate']).to.equal('Bearer');
    }
    expect((await request(app).get('/v1/orders/ord_x')).status).to.equal(401);
  });

  it('when another merchant asks for the order, then 404 as for an unknown order', async () => {
    const created = bodyOf<OrderView>(await create({ merchantOrderId: 'A1', amount: 100 }));
    const res = await request(app).get(`/v1/orders/${created.id}`).set('Authorization', `Bearer ${otherKey}`);
    expect(res.status).to.equal(404);
    expect(res.body).to.deep.equal({ error: { code: 'not_found', message: 'order not found' } });
  });

  it('when a merchantOrderId is reused, then 409 conflict', async () => {
    await create({ merchantOrderId: 'A1', amount: 100 });
    const res = await create({ merchantOrderId: 'A1', amount: 100 });
    expect(res.status).to.equal(409);
    expect(errorOf(res).code).to.equal('conflict');
  });

  it('when the order has expired, then it reads expired without a pay code', async () => {
    const created = bodyOf<OrderView>(await create({ merchantOrderId: 'A1', amount: 100, expiresInSeconds: 60 }));
    deps.advance(61_000);
    const res = await request(app).get(`/v1/orders/${created.id}`).set('Authorization', `Bearer ${key}`);
    expect(bodyOf<OrderView>(res).status).to.equal('expired');
    expect(res.body).not.to.have.property('payCode');
  });

  describe('POST /v1/orders/:id/cancel', () => {
    const cancel = (id: string, apiKey = key) =>
      request(app).post(`/v1/orders/${id}/cancel`).set('Authorization', `Bearer ${apiKey}`);

    it('when a payable order is cancelled, then it reads cancelled without a pay code, and the code no longer pays', async () => {
      const created = bodyOf<OrderView>(await create({ merchantOrderId: 'A1', amount: 100 }));
      const res = await cancel(created.id);

      expect(res.status).to.equal(200);
      expect(res.body).to.include({ id: created.id, status: 'cancelled' });
      expect(res.body).not.to.have.property('payCode');
      const read = await request(app).get(`/v1/orders/${created.id}`).set('Authorization', `Bearer ${key}`);
      expect(bodyOf<OrderView>(read).status).to.equal('cancelled');
      const row = await deps.db<OrderRow>('orders').where({ id: created.id }).first();
      expect(row).to.include({ pay_code: null, spent_pay_code: created.payCode });
      expect(await createCallOrders(deps).claimByPayCode(created.payCode!, 'call-1')).to.deep.equal({
        ok: false,
        reason: 'not_payable',
      });
    });

    it('when the order is paid, then 409 order_not_payable and it stays paid', async () => {
      const created = bodyOf<OrderView>(await create({ merchantOrderId: 'A1', amount: 100 }));
      await deps.db<OrderRow>('orders').where({ id: created.id }).update({ status: 'paid', pay_code: null });
      const res = await cancel(created.id);

      expect(res.status).to.equal(409);
      expect(errorOf(res)).to.deep.equal({
        code: 'order_not_payable',
        message: 'the order is paid and can no longer be cancelled',
      });
      expect((await deps.db<OrderRow>('orders').where({ id: created.id }).first())?.status).to.equal('paid');
    });

    it('when the order is already cancelled or expired, then 409 order_not_payable', async () => {
      const first = bodyOf<OrderView>(await create({ merchantOrderId: 'A1', amount: 100 }));
      await cancel(first.id);
      expect((await cancel(first.id)).status).to.equal(409);

      const second = bodyOf<OrderView>(await create({ merchantOrderId: 'A2', amount: 100, expiresInSeconds: 60 }));
      deps.advance(60_000);
      const res = await cancel(second.id);
      expect(res.status).to.equal(409);
      expect(errorOf(res).message).to.include('expired');
    });

    it('when another merchant cancels the order, then 404 and the order is untouched', async () => {
      const created = bodyOf<OrderView>(await create({ merchantOrderId: 'A1', amount: 100 }));
      const res = await cancel(created.id, otherKey);

      expect(res.status).to.equal(404);
      expect(errorOf(res).code).to.equal('not_found');
      expect((await deps.db<OrderRow>('orders').where({ id: created.id }).first())?.status).to.equal('created');
    });

    it('when the body has fields, then 400 and the order stays payable', async () => {
      const created = bodyOf<OrderView>(await create({ merchantOrderId: 'A1', amount: 100 }));
      const res = await cancel(created.id).send({ reason: 'x' });
      expect(res.status).to.equal(400);
      expect(errorOf(res).fields).to.deep.equal({ body: 'the body must be an empty JSON object (no fields)' });
      expect((await cancel(created.id).send({})).status).to.equal(200);
    });
  });
});
