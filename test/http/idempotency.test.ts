import { expect } from 'chai';
import request from 'supertest';
import type { OrderView } from '../../src/order/order-view';
import { createApp } from '../../src/http/create-app';
import { createBankService } from '../../src/services/bank-service';
import { createIdempotencyStore } from '../../src/services/idempotency-store';
import { bodyOf, errorOf } from '../helpers/body-of';
import { createTestApp, type TestApp } from './test-app';
import type { Application } from 'express';
import { createMerchantService } from '../../src/services/merchant-service';
import { createOrderService } from '../../src/order/order-service';
import { createStore, type Repositories, type Store } from '../../src/store/store';
import { createTestDeps, describeEachStore, type TestDeps } from '../helpers/test-db';

describe('http/idempotency', () => {
  let t: TestApp;
  afterEach(() => t.deps.db.destroy());

  const order = { merchantOrderId: 'A1001', amount: 12345 };
  const post = (path: string, body: object | undefined, key: string | undefined, apiKey = t.a.key) => {
    const req = request(t.app).post(path).set('Authorization', `Bearer ${apiKey}`);
    if (key !== undefined) req.set('Idempotency-Key', key);
    return body === undefined ? req : req.send(body);
  };
  const orderCount = async () => Number((await t.deps.db('orders').count({ n: '*' }))[0].n);

  describe('with the real services', () => {
    beforeEach(async () => {
      t = await createTestApp();
    });

    it('when a request is retried with the same key and body, then the first answer is replayed and one order exists', async () => {
      const first = await post('/v1/orders', order, 'key-1');
      const again = await post('/v1/orders', { amount: 12345, merchantOrderId: 'A1001' }, 'key-1');

      expect(first.status).to.equal(201);
      expect(first.headers).not.to.have.property('idempotent-replayed');
      expect(again.status).to.equal(201);
      expect(again.headers['idempotent-replayed']).to.equal('true');
      expect(again.body).to.deep.equal(first.body);
      expect(await orderCount()).to.equal(1);
    });

    it('when a keyed body holds an array nested 4,000 deep (8 kB), then 201 and the retry is replayed, not 500 (issue 17, defect 2)', async () => {
      const deep = JSON.parse('['.repeat(4000) + ']'.repeat(4000)) as unknown;
      const first = await post('/v1/orders', { ...order, extra: deep }, 'key-deep');
      const again = await post('/v1/orders', { ...order, extra: deep }, 'key-deep');
      expect(first.status).to.equal(201);
      expect(again.headers['idempotent-replayed']).to.equal('true');
      expect(await orderCount()).to.equal(1);
    });

    it('when the same key comes with another body, then 422 idempotency_mismatch and nothing is created', async () => {
      await post('/v1/orders', order, 'key-1');
      const res = await post('/v1/orders', { ...order, amount: 1 }, 'key-1');
      expect(res.status).to.equal(422);
      expect(errorOf(res).code).to.equal('idempotency_mismatch');
      expect(await orderCount()).to.equal(1);
    });

    it('when the same key is used on another endpoint, then 422 (the path is part of the request)', async () => {
      const created = bodyOf<OrderView>(await post('/v1/orders', order, 'key-1'));
      const res = await post(`/v1/orders/${created.id}/cancel`, order, 'key-1');
      expect(res.status).to.equal(422);
    });

    it('when the first request failed validation, then the key is not kept and a corrected retry succeeds', async () => {
      const bad = await post('/v1/orders', { ...order, amount: -1 }, 'key-1');
      const good = await post('/v1/orders', order, 'key-1');
      expect(bad.status).to.equal(400);
      expect(good.status).to.equal(201);
      expect(good.headers).not.to.have.property('idempotent-replayed');
    });

    it('when the first answer was a 409 conflict, then the retry replays that 409', async () => {
      await post('/v1/orders', order, undefined);
      const first = await post('/v1/orders', order, 'key-1');
      const again = await post('/v1/orders', order, 'key-1');
      expect([first.status, again.status]).to.deep.equal([409, 409]);
      expect(again.headers['idempotent-replayed']).to.equal('true');
    });

    it('when merchant B uses merchant A’s key string, then B gets its own order, not A’s answer', async () => {
      const a = await post('/v1/orders', order, 'shared-key', t.a.key);
      const b = await post('/v1/orders', { ...order, amount: 777 }, 'shared-key', t.b.key);

      expect(b.status).to.equal(201);
      expect(b.headers).not.to.have.property('idempotent-replayed');
      expect(bodyOf<OrderView>(b).id).not.to.equal(bodyOf<OrderView>(a).id);
      expect(bodyOf<OrderView>(b).amount).to.equal(777);
      expect(await orderCount()).to.equal(2);
    });

    it('when the key is longer than 255 characters, then 400 names the header', async () => {
      const res = await post('/v1/orders', order, 'k'.repeat(256));
      expect(res.status).to.equal(400);
      expect(errorOf(res).fields).to.deep.equal({ 'Idempotency-Key': 'must be 1 to 255 characters' });
      expect((await post('/v1/orders', order, 'k'.repeat(255))).status).to.equal(201);
    });

    for (const [what, key] of [
      ['empty', ''],
      ['only spaces', '   '],
      ['only a tab', '\t'],
    ] as const) {
      it(`when the key is ${what}, then 400 validation_failed names the header and nothing is created`, async () => {
        const res = await post('/v1/orders', order, key);

        expect(res.status).to.equal(400);
        expect(errorOf(res).code).to.equal('validation_failed');
        expect(errorOf(res).fields).to.have.property('Idempotency-Key');
        expect(await orderCount()).to.equal(0);
        expect(await t.deps.db('idempotency_keys').count({ n: '*' }).first()).to.deep.equal({ n: 0 });
      });
    }

    it('when 24 hours have passed, then the key starts a new request', async () => {
      const cancelBody = {};
      const created = bodyOf<OrderView>(await post('/v1/orders', order, undefined));
      await post(`/v1/orders/${created.id}/cancel`, cancelBody, 'key-1');
      t.deps.advance(24 * 3600_000);
      const res = await post(`/v1/orders/${created.id}/cancel`, cancelBody, 'key-1');
      expect(res.status).to.equal(409); // executed again: already cancelled
      expect(res.headers).not.to.have.property('idempotent-replayed');
    });
  });

  describe('with an order service that can be held mid-request', () => {
    let releaseCreate: () => void;
    let calls: number;

    beforeEach(async () => {
      const held = new Promise<void>((resolve) => {
        releaseCreate = resolve;
      });
      calls = 0;
      t = await createTestApp({
        wrapOrders: (orders) => ({
          ...orders,
          createOrder: async (merchantId, input) => {
            calls++;
            await held;
            return orders.createOrder(merchantId, input);
          },
        }),
      });
    });

    it('when two order creations with one key run at once, then exactly one order exists and the other gets 409', async () => {
      const first = post('/v1/orders', order, 'key-1').then((r) => r);
      await new Promise((resolve) => setTimeout(resolve, 50)); // the first now holds the key
      const second = await post('/v1/orders', order, 'key-1');
      releaseCreate();
      const firstRes = await first;

      expect(firstRes.status).to.equal(201);
      expect(second.status).to.equal(409);
      expect(errorOf(second)).to.include({ code: 'conflict' });
      expect(errorOf(second).message).to.include('still in progress');
      expect(calls).to.equal(1);
      expect(await orderCount()).to.equal(1);
      const replay = await post('/v1/orders', order, 'key-1');
      expect(bodyOf<OrderView>(replay).id).to.equal(bodyOf<OrderView>(firstRes).id);
    });

    it('when two creations with one key are sent together, then one order exists whatever the interleaving', async () => {
      releaseCreate();
      const results = await Promise.all([post('/v1/orders', order, 'key-2'), post('/v1/orders', order, 'key-2')]);
      expect(results.map((r) => r.status).sort()).to.satisfy(
        (s: number[]) => (s[0] === 201 && s[1] === 201) || (s[0] === 201 && s[1] === 409),
      );
      expect(calls).to.equal(1);
      expect(await orderCount()).to.equal(1);
    });
  });

  describe('with a store that cannot be reached for a while (PostgreSQL restarting)', () => {
    const refused = () => Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:54329'), { code: 'ECONNREFUSED' });
    let createFails: boolean;
    let releaseFailures: number;
    const keys = async () => Number((await t.deps.db('idempotency_keys').count({ n: '*' }))[0].n);
    const until = async (done: () => Promise<boolean>) => {
      for (let i = 0; i < 100 && !(await done()); i++) await new Promise((resolve) => setTimeout(resolve, 20));
    };

    beforeEach(async () => {
      createFails = true;
      releaseFailures = 0;
      t = await createTestApp({
        wrapOrders: (orders) => ({
          ...orders,
          createOrder: (merchantId, input) => (createFails ? Promise.reject(refused()) : orders.createOrder(merchantId, input)),
        }),
      });
    });

    it('when the request got 503 store_unavailable, then the key is released and the retry with it creates the order', async () => {
      const first = await post('/v1/orders', order, 'key-1');
      expect(first.status).to.equal(503);
      expect(first.headers['retry-after']).to.equal('2');
      expect(errorOf(first).code).to.equal('store_unavailable');
      await until(async () => (await keys()) === 0);
      createFails = false;
      const again = await post('/v1/orders', order, 'key-1');
      expect(again.status).to.equal(201);
      expect(again.headers).not.to.have.property('idempotent-replayed');
      expect(await orderCount()).to.equal(1);
    });

    it('when a route that is not all or nothing (cancel) got 503, then its answer is kept and replayed, as any 5xx', async () => {
      const app = createApp({
        merchants: t.merchants,
        orders: { ...t.orders, cancelOrder: () => Promise.reject(refused()) },
        banks: createBankService(t.deps),
        idempotency: createIdempotencyStore(t.deps),
        rateLimitPerMinute: 1000,
        log: t.deps.log,
        now: t.deps.now,
      });
      const cancel = () =>
        request(app)
          .post('/v1/orders/ord_1/cancel')
          .set('Authorization', `Bearer ${t.a.key}`)
          .set('Idempotency-Key', 'key-c')
          .send({});
      const first = await cancel();
      const again = await cancel();
      expect([first.status, again.status]).to.deep.equal([503, 503]);
      expect(again.headers['idempotent-replayed']).to.equal('true');
    });

    it('when releasing the key fails too, then it is released again until the store answers', async () => {
      const real = createIdempotencyStore(t.deps);
      const app = createApp({
        merchants: t.merchants,
        orders: { ...t.orders, createOrder: () => Promise.reject(refused()) },
        banks: createBankService(t.deps),
        idempotency: { ...real, release: (lock) => (releaseFailures++ < 3 ? Promise.reject(refused()) : real.release(lock)) },
        rateLimitPerMinute: 1000,
        log: t.deps.log,
        now: t.deps.now,
      });
      const first = await request(app)
        .post('/v1/orders')
        .set('Authorization', `Bearer ${t.a.key}`)
        .set('Idempotency-Key', 'key-1')
        .send(order);
      expect(first.status).to.equal(503);
      expect(await keys()).to.equal(1);
      await until(async () => (await keys()) === 0);
      expect(releaseFailures).to.equal(4);
      expect(await keys()).to.equal(0);
    });
  });

  describe('with an order service that fails once', () => {
    let calls: number;
    beforeEach(async () => {
      calls = 0;
      t = await createTestApp({
        wrapOrders: (orders) => ({
          ...orders,
          createOrder: () => {
            calls++;
            return Promise.reject(new Error('disk on fire'));
          },
        }),
      });
    });

    it('when the first answer was a 500, then the retry replays the 500 without running again (as Stripe)', async () => {
      const first = await post('/v1/orders', order, 'key-1');
      const again = await post('/v1/orders', order, 'key-1');
      expect([first.status, again.status]).to.deep.equal([500, 500]);
      expect(again.headers['idempotent-replayed']).to.equal('true');
      expect(again.body).to.deep.equal({ error: { code: 'internal', message: 'internal error' } });
      expect(calls).to.equal(1);
    });
  });
});

/**
 * Issue 12: a commit whose acknowledgement is lost (PostgreSQL gone at that very instant). The order is stored, yet
 * the request fails as store_unavailable (503); its retry with the same key must get the order, not run again into
 * its own merchantOrderId (409). Each write commits alone here, as on PostgreSQL (no group commit).
 */
describeEachStore('http/idempotency: the commit of a keyed order whose acknowledgement is lost', () => {
  let deps: TestDeps;
  let app: Application;
  let apiKey: string;
  let acksToLose: number;
  let separateCompletes: number;
  const refused = () => Object.assign(new Error('Connection terminated unexpectedly'), { code: 'ECONNRESET' });
  const post = (body: object) =>
    request(app).post('/v1/orders').set('Authorization', `Bearer ${apiKey}`).set('Idempotency-Key', 'key-1').send(body);
  const order = { merchantOrderId: 'A1001', amount: 12345 };

  beforeEach(async () => {
    deps = await createTestDeps();
    acksToLose = 0;
    separateCompletes = 0;
    const store = withLostAcknowledgements(createStore(deps.db), () => acksToLose-- > 0, refused);
    const withStore = { ...deps, store };
    const merchants = createMerchantService(withStore);
    const idempotency = createIdempotencyStore(withStore);
    app = createApp({
      merchants,
      orders: createOrderService({ ...withStore, defaultExpiresSeconds: 1800 }),
      banks: createBankService(withStore),
      idempotency: { ...idempotency, complete: (...args) => (separateCompletes++, idempotency.complete(...args)) },
      rateLimitPerMinute: 1000,
      log: deps.log,
      now: deps.now,
    });
    apiKey = (await merchants.createMerchant('Acme')).apiKey;
  });
  afterEach(() => deps.db.destroy());

  it('when the order was stored but the answer of its commit lost, then the retry with its key replays the order, not 409', async () => {
    acksToLose = 1;
    const first = await post(order);
    expect(first.status).to.equal(503);
    expect(errorOf(first).code).to.equal('store_unavailable');

    const again = await post(order);
    expect(again.status).to.equal(201);
    expect(again.headers['idempotent-replayed']).to.equal('true');
    const stored = await deps.db('orders').select('id', 'merchant_order_id');
    expect(stored).to.deep.equal([{ id: bodyOf<OrderView>(again).id, merchant_order_id: 'A1001' }]);
  });

  it('when nothing is lost, then the answer is kept by the order’s own commit, not by a write after it, and replayed', async () => {
    const first = await post(order);
    const again = await post(order);

    expect([first.status, again.status]).to.deep.equal([201, 201]);
    expect(again.body).to.deep.equal(first.body);
    expect(separateCompletes).to.equal(0);
  });

  it('when a keyed order fails validation, then nothing is kept and the key can be used again (400 is forgotten)', async () => {
    expect((await post({ amount: -1 })).status).to.equal(400);
    expect((await post(order)).status).to.equal(201);
    expect(separateCompletes).to.equal(0);
  });
});

/**
 * The store, whose commits that stored an order throw `error()` after committing when `lose()` says so: the answer
 * lost on the way back. Transactions and single writes alike.
 */
function withLostAcknowledgements(store: Store, lose: () => boolean, error: () => Error): Store {
  type Work = (on: Repositories) => Promise<unknown>;
  const commit = (run: (work: Work) => Promise<unknown>) => async (work: Work) => {
    let storedOrder = false;
    const watched = (on: Repositories) =>
      new Proxy(on, {
        get(target, prop) {
          if (prop === 'orders') storedOrder = true;
          return Reflect.get(target, prop, target) as unknown;
        },
      });
    const result = await run((on) => work(watched(on)));
    if (storedOrder && lose()) throw error();
    return result;
  };
  return new Proxy(store, {
    get(target, prop) {
      if (prop === 'transaction') return commit((work) => target.transaction(work));
      if (prop === 'groupWrite') return commit((work) => target.groupWrite(work));
      const value: unknown = Reflect.get(target, prop, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}
