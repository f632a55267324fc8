import { Writable } from 'node:stream';
import { expect } from 'chai';
import request from 'supertest';
import { toErrorResponse } from '../../src/http/error-middleware';
import { createLogger } from '../../src/log/logger';
import { DEBIT as PAN } from '../helpers/test-cards';
import { createTestApp, type TestApp } from './test-app';

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

describe('http/error-middleware', () => {
  it('when an error carries a 4xx status (the router’s URIError, a zlib error), then that status with a fixed message', () => {
    const uri = Object.assign(new URIError(`Failed to decode param '${PAN}%E0%A4%A'`), { status: 400 });
    expect(toErrorResponse(uri)).to.deep.equal({
      status: 400,
      body: { error: { code: 'validation_failed', message: 'the path is not valid percent-encoding' } },
    });
    const zlib = Object.assign(new Error('incorrect header check'), { status: 400, code: 'Z_DATA_ERROR' });
    expect(toErrorResponse(zlib).status).to.equal(400);
    expect(toErrorResponse(Object.assign(new Error('x'), { statusCode: 404 })).body.error.code).to.equal('not_found');
    expect(toErrorResponse(Object.assign(new Error('x'), { status: 503 })).status).to.equal(500);
    expect(toErrorResponse(new Error('plain')).status).to.equal(500);
  });

  it('when the store cannot be reached (PostgreSQL restarting), then 503 store_unavailable with Retry-After, not quoting the cause', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:54329'), { code: 'ECONNREFUSED' });
    const shutdown = Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' });
    for (const err of [refused, shutdown]) {
      expect(toErrorResponse(err)).to.deep.equal({
        status: 503,
        body: { error: { code: 'store_unavailable', message: 'the service cannot reach its database; retry after Retry-After' } },
        retryAfter: 2,
      });
    }
    expect(toErrorResponse(Object.assign(new Error('duplicate key'), { code: '23505' })).status).to.equal(500);
  });

  describe('through the app (issue 17, defect 1 and 3)', () => {
    let t: TestApp;
    let lines: string[];
    beforeEach(async () => {
      const captured = capturedLog();
      lines = captured.lines;
      const receiver = { receive: () => Promise.reject(new Error('a body that did not decompress reached the receiver')) };
      t = await createTestApp({ app: { log: captured.log, acquirerNotifications: receiver } });
    });
    afterEach(() => t.deps.db.destroy());

    const errorLines = () => lines.filter((l) => (JSON.parse(l) as { level: number }).level >= 50);

    it('when a path has broken percent-encoding, then 400 in the error shape, not quoting the path, nothing logged as error', async () => {
      const res = await request(t.app).get(`/v1/orders/${PAN}%E0%A4%A`).set('Authorization', `Bearer ${t.a.key}`);
      expect(res.status).to.equal(400);
      expect(res.body).to.deep.equal({ error: { code: 'validation_failed', message: 'the path is not valid percent-encoding' } });
      expect(errorLines()).to.deep.equal([]);
      expect(lines.join('')).not.to.include(PAN);
    });

    it('when a body says Content-Encoding gzip but is not gzip, then 400 on the API and on the unauthenticated notify endpoint', async () => {
      const api = await request(t.app)
        .post('/v1/orders')
        .set('Authorization', `Bearer ${t.a.key}`)
        .set('Content-Type', 'application/json')
        .set('Content-Encoding', 'gzip')
        .send('{"merchantOrderId":"A1","amount":100}');
      expect(api.status).to.equal(400);
      expect(api.body).to.have.nested.property('error.code', 'validation_failed');
      const notify = await request(t.app)
        .post('/acquirer/notify')
        .set('Content-Type', 'application/x-www-form-urlencoded')
        .set('Content-Encoding', 'gzip')
        .send('respCode=00');
      expect(notify.status).to.equal(400);
      expect(errorLines()).to.deep.equal([]);
    });

    it('when the store is unreachable under a request, then 503 with Retry-After: 2, logged as a warning, not an error', async () => {
      const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:54329'), { code: 'ECONNREFUSED' });
      const captured = capturedLog();
      const down = await createTestApp({
        app: { log: captured.log },
        wrapOrders: (orders) => ({ ...orders, getOrder: () => Promise.reject(refused) }),
      });
      try {
        const res = await request(down.app).get('/v1/orders/ord_1').set('Authorization', `Bearer ${down.a.key}`);
        expect(res.status).to.equal(503);
        expect(res.headers['retry-after']).to.equal('2');
        expect(res.body).to.have.nested.property('error.code', 'store_unavailable');
        const logged = captured.lines.map((l) => JSON.parse(l) as { level: number; msg: string });
        expect(logged.filter((l) => l.level >= 50)).to.deep.equal([]);
        expect(logged.map((l) => l.msg)).to.include('request failed: store unavailable');
      } finally {
        await down.deps.db.destroy();
      }
    });

    it('when a card number is in the URL, then the request line has the route pattern and the number is nowhere in the log', async () => {
      const res = await request(t.app).get(`/v1/orders/${PAN}`).set('Authorization', `Bearer ${t.a.key}`);
      expect(res.status).to.equal(404);
      const requestLine = lines.map((l) => JSON.parse(l) as Record<string, unknown>).find((l) => l.msg === 'http request');
      expect(requestLine).to.include({ method: 'GET', route: '/v1/orders/:id', status: 404 });
      expect(lines.join('')).not.to.include(PAN);
    });
  });
});
