import { Writable } from 'node:stream';
import { expect } from 'chai';
import request from 'supertest';
import { createApp } from '../../src/http/create-app';
import { startHttpServer } from '../../src/http/start-http-server';
import { createLogger } from '../../src/log/logger';
import type { Merchant } from '../../src/services/merchant-service';
import { bodyOf } from '../helpers/body-of';

const merchant: Merchant = {
  id: 'mch_1',
  name: 'Acme',
  apiKeyPrefix: 'ivrpay_sk_abcdef',
  requireIdNumber: true,
  requireMobile: true,
  language: null,
  abandonedCallSms: false,
  confirmCard: false,
  greetingLanguages: [],
  createdAt: '2026-03-01T08:00:00.000Z',
};

function capturedLog() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { log: createLogger({ level: 'info', destination }), lines };
}

function appWith(overrides: { getOrder?: () => Promise<never> }, log = capturedLog().log) {
  return createApp({
    merchants: { authenticate: (key) => Promise.resolve(key === 'good' ? merchant : undefined) },
    orders: {
      createOrder: () => Promise.reject(new Error('not used')),
      getOrder: overrides.getOrder ?? (async () => Promise.reject(new Error('not used'))),
      cancelOrder: async () => Promise.reject(new Error('not used')),
    },
    banks: {
      listBanks: () => Promise.resolve([{ code: 'pab', nameZh: '平安银行', nameEn: 'Ping An Bank', status: 'supported' }]),
    },
    idempotency: {
      claim: async () => Promise.reject(new Error('not used')),
      complete: () => Promise.resolve(),
      completeIn: () => Promise.resolve(),
      release: () => Promise.resolve(),
      purgeExpired: () => Promise.resolve(0),
    },
    rateLimitPerMinute: 100,
    log,
  });
}

describe('http/create-app', () => {
  it('when /healthz is asked without a key, then it answers ok', async () => {
    const res = await request(appWith({})).get('/healthz');
    expect(res.status).to.equal(200);
    expect(res.body).to.deep.include({ status: 'ok' });
  });

  it('when banks are listed with a key, then the list comes back', async () => {
    const res = await request(appWith({})).get('/v1/banks').set('Authorization', 'Bearer good');
    expect(res.status).to.equal(200);
    expect(bodyOf<{ banks: object[] }>(res).banks[0]).to.include({ code: 'pab', status: 'supported' });
  });

  it('when no agent desk is given, then the agent page is not mounted', async () => {
    await request(appWith({})).get('/agent/login').expect(404);
  });

  it('when a route is unknown, then 404 not_found in the error shape', async () => {
    const res = await request(appWith({})).get('/nope');
    expect(res.status).to.equal(404);
    expect(res.body).to.deep.equal({ error: { code: 'not_found', message: 'no such endpoint' } });
  });

  it('when a service fails unexpectedly, then 500 internal without details, logged once', async () => {
    const { log, lines } = capturedLog();
    const app = appWith({ getOrder: () => Promise.reject(new Error('disk on fire')) }, log);
    const res = await request(app).get('/v1/orders/ord_1').set('Authorization', 'Bearer good');
    expect(res.status).to.equal(500);
    expect(res.body).to.deep.equal({ error: { code: 'internal', message: 'internal error' } });
    expect(lines.filter((l) => l.includes('disk on fire'))).to.have.length(1);
  });

  it('when a request is made, then the log line has method, route pattern and status but not the key', async () => {
    const { log, lines } = capturedLog();
    await request(appWith({}, log)).get('/v1/banks?x=1').set('Authorization', 'Bearer good');
    const line = JSON.parse(lines.find((l) => l.includes('http request'))!) as Record<string, unknown>;
    expect(line).to.include({ method: 'GET', route: '/v1/banks', status: 200 });
    expect(lines.join('')).not.to.include('good');
  });

  it('when the server is started on port 0, then it serves on a free port and closes', async () => {
    const running = await startHttpServer(appWith({}), '127.0.0.1', 0);
    try {
      expect(running.address.port).to.be.greaterThan(0);
      const res = await fetch(`http://127.0.0.1:${running.address.port}/healthz`);
      expect(await res.json()).to.deep.include({ status: 'ok' });
    } finally {
      await running.close();
    }
    expect(running.server.listening).to.equal(false);
  });
});
