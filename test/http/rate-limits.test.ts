import { expect } from 'chai';
import request from 'supertest';
import type { Application } from 'express';
import { createApp } from '../../src/http/create-app';
import type { RateCounter } from '../../src/http/shared-rate-limit-store';
import { createBankService } from '../../src/services/bank-service';
import { createIdempotencyStore } from '../../src/services/idempotency-store';
import { errorOf } from '../helpers/body-of';
import { describeEachStore } from '../helpers/test-stores';
import { createTestApp, type TestApp } from './test-app';

describe('http/rate-limits', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp({ app: { rateLimitPerMinute: 3 } });
  });
  afterEach(() => t.deps.db.destroy());

  const banks = (apiKey: string) => request(t.app).get('/v1/banks').set('Authorization', `Bearer ${apiKey}`);

  it('when a merchant exceeds its requests a minute, then 429 rate_limited with Retry-After, and other merchants are unaffected', async () => {
    for (let i = 0; i < 3; i++) expect((await banks(t.a.key)).status).to.equal(200);
    const limited = await banks(t.a.key);

    expect(limited.status).to.equal(429);
    expect(errorOf(limited).code).to.equal('rate_limited');
    expect(Number(limited.headers['retry-after'])).to.be.greaterThan(0);
    expect((await banks(t.b.key)).status).to.equal(200);
  });

  it('when the merchant rotates its key, then the new key shares the same count', async () => {
    for (let i = 0; i < 3; i++) await banks(t.a.key);
    const { apiKey } = await t.merchants.rotateApiKey(t.a.id);
    expect((await banks(apiKey)).status).to.equal(429);
  });

  it('when a client keeps sending refused keys, then its IP is limited for the rest of the minute', async () => {
    for (let i = 0; i < 3; i++) expect((await banks('ivrpay_sk_wrong')).status).to.equal(401);
    const limited = await banks('ivrpay_sk_wrong');
    expect(limited.status).to.equal(429);
    expect(errorOf(limited).code).to.equal('rate_limited');
    expect((await banks(t.a.key)).status).to.equal(429);
  });

  it('when a merchant makes valid requests, then they do not count against its IP as refused keys', async () => {
    for (let i = 0; i < 3; i++) await banks(t.a.key);
    expect((await banks(t.b.key)).status).to.equal(200);
    expect((await banks('ivrpay_sk_wrong')).status).to.equal(401);
  });
});

describeEachStore('http/rate-limits shared by the nodes of one store', () => {
  let t: TestApp;
  let other: Application;
  beforeEach(async () => {
    t = await createTestApp({ app: { rateLimitPerMinute: 3, rateLimitCounter: sharedCounter() } });
    // A second node: its own app and limiters over the same store.
    other = createApp({
      merchants: t.merchants,
      orders: t.orders,
      banks: createBankService(t.deps),
      idempotency: createIdempotencyStore(t.deps),
      rateLimitPerMinute: 3,
      rateLimitCounter: t.deps.store.rateLimits,
      log: t.deps.log,
      now: t.deps.now,
    });
  });
  afterEach(() => t.deps.db.destroy());

  let failing = false;
  let unreachable: 'no' | 'always' | 'when uncounting' = 'no';
  /** The store's counter, made to fail on demand. */
  function sharedCounter(): RateCounter {
    const fail = () => Promise.reject(new Error('disk on fire'));
    const refused = () =>
      Promise.reject(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:54329'), { code: 'ECONNREFUSED' }));
    return {
      hit: (key, window) => (failing ? fail() : unreachable === 'always' ? refused() : t.deps.store.rateLimits.hit(key, window)),
      unhit: (key, window) => (failing ? fail() : unreachable !== 'no' ? refused() : t.deps.store.rateLimits.unhit(key, window)),
      reset: (key) => t.deps.store.rateLimits.reset(key),
    };
  }
  const banks = (app: Application, apiKey: string) => request(app).get('/v1/banks').set('Authorization', `Bearer ${apiKey}`);

  it('when a merchant’s requests go to two nodes, then they count together: the 4th in the minute is 429 on either', async () => {
    expect((await banks(t.app, t.a.key)).status).to.equal(200);
    expect((await banks(other, t.a.key)).status).to.equal(200);
    expect((await banks(t.app, t.a.key)).status).to.equal(200);
    const limited = await banks(other, t.a.key);
    expect(limited.status).to.equal(429);
    expect(Number(limited.headers['retry-after'])).to.be.greaterThan(0);
    expect((await banks(other, t.b.key)).status).to.equal(200);
  });

  it('when a client sends refused keys to both nodes, then they count together, and valid requests do not count', async () => {
    await banks(t.app, t.a.key);
    await banks(other, 'ivrpay_sk_wrong');
    await banks(t.app, 'ivrpay_sk_wrong');
    expect((await banks(other, t.b.key)).status).to.equal(200);
    expect((await banks(other, 'ivrpay_sk_wrong')).status).to.equal(401);
    expect((await banks(t.app, 'ivrpay_sk_wrong')).status).to.equal(429);
  });

  it('when the store cannot be reached, then 503 store_unavailable with Retry-After, never an uncounted answer', async () => {
    unreachable = 'always';
    try {
      const res = await banks(t.app, t.a.key);
      expect(res.status).to.equal(503);
      expect(res.headers['retry-after']).to.equal('2');
      expect(errorOf(res).code).to.equal('store_unavailable');
    } finally {
      unreachable = 'no';
    }
  });

  it('when the store goes away before a request that does not count is uncounted, then its answer stands and nothing goes to the console', async () => {
    const printed: unknown[] = [];
    const consoleError = console.error;
    console.error = (...args: unknown[]) => printed.push(args);
    unreachable = 'when uncounting';
    try {
      expect((await banks(t.app, t.a.key)).status).to.equal(200);
      // Uncounted once the answer is sent.
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(printed).to.deep.equal([]);
    } finally {
      unreachable = 'no';
      console.error = consoleError;
    }
  });

  it('when the store cannot count, then the request gets 503 unavailable, never an uncounted answer', async () => {
    failing = true;
    try {
      const res = await banks(t.app, t.a.key);
      expect(res.status).to.equal(503);
      expect(errorOf(res).code).to.equal('unavailable');
    } finally {
      failing = false;
    }
  });
});
