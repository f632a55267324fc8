import { Writable } from 'node:stream';
import { expect } from 'chai';
import express from 'express';
import request from 'supertest';
import { requestLog } from '../../src/http/request-log';
import { createLogger } from '../../src/log/logger';

function appLoggingAt(level: 'info' | 'debug') {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write: (chunk, _enc, done) => (lines.push(JSON.parse(String(chunk)) as Record<string, unknown>), done()),
  });
  const app = express();
  app.use(requestLog(createLogger({ level, destination })));
  app.get('/healthz', (_req, res) => res.json({ status: 'ok' }));
  app.get('/readyz', (_req, res) => res.status(503).json({ status: 'not_ready' }));
  app.get('/v1/orders/:id', (_req, res) => res.json({}));
  return { app, lines };
}

describe('http/request-log', () => {
  it('when a load balancer polls /healthz and /readyz, then their lines are debug, not info; other routes stay info', async () => {
    const { app, lines } = appLoggingAt('info');
    await request(app).get('/healthz');
    await request(app).get('/readyz');
    await request(app).get('/v1/orders/ord_1');

    expect(lines.map((l) => l.route)).to.deep.equal(['/v1/orders/:id']);
  });

  it('when the level is debug, then the probes are logged with their route and status', async () => {
    const { app, lines } = appLoggingAt('debug');
    await request(app).get('/readyz');

    expect(lines).to.have.length(1);
    expect(lines[0]).to.include({ level: 20, route: '/readyz', status: 503, msg: 'http request' });
  });

  it('when requests follow one another, then each line has its own route, and a request no route took has none', async () => {
    const { app, lines } = appLoggingAt('info');
    await request(app).get('/v1/orders/ord_1');
    await request(app).get('/nowhere');
    await Promise.all([request(app).get('/v1/orders/ord_2'), request(app).get('/other')]);

    expect(lines.map((l) => `${String(l.route)} ${String(l.status)}`).sort()).to.deep.equal([
      '(no route) 404',
      '(no route) 404',
      '/v1/orders/:id 200',
      '/v1/orders/:id 200',
    ]);
  });
});
