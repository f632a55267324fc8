import { expect } from 'chai';
import request from 'supertest';
import { errorOf } from '../helpers/body-of';
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
