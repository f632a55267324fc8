import { expect } from 'chai';
import express from 'express';
import request from 'supertest';
import type { ReadinessReport } from '../../../src/health/readiness';
import { healthRouter } from '../../../src/http/routes/health';

function appWith(report: ReadinessReport) {
  const app = express();
  app.use(healthRouter({ check: () => Promise.resolve(report) }));
  return app;
}

const checks = {
  ari: { ok: true, state: 'connected' },
  store: { ok: true, ms: 0.4 },
  migrations: { ok: true, current: '012-merchant-prompts', latest: '012-merchant-prompts' },
};

describe('http/routes/health', () => {
  it('when /healthz is asked, then it answers 200 with its one check, not cached', async () => {
    const res = await request(appWith({ status: 'not_ready', checks })).get('/healthz');
    expect(res.status).to.equal(200);
    const body = res.body as { status: string; checks: { process: { ok: boolean } } };
    expect(body.status).to.equal('ok');
    expect(body.checks.process.ok).to.equal(true);
    expect(res.headers['cache-control']).to.equal('no-store');
  });

  it('when every check is ok, then /readyz answers 200 with the checks', async () => {
    const res = await request(appWith({ status: 'ready', checks })).get('/readyz');
    expect(res.status).to.equal(200);
    expect(res.body).to.deep.equal({ status: 'ready', checks });
  });

  it('when a check fails, then /readyz answers 503 with the checks, so a load balancer sends no traffic', async () => {
    const failing = { ...checks, acquirer: { ok: false, state: 'unreachable', error: 'ECONNREFUSED' } };
    const res = await request(appWith({ status: 'not_ready', checks: failing })).get('/readyz');
    expect(res.status).to.equal(503);
    expect(res.body).to.deep.equal({ status: 'not_ready', checks: failing });
  });

  it('when no readiness is given, then there is no /readyz', async () => {
    const app = express();
    app.use(healthRouter());
    expect((await request(app).get('/readyz')).status).to.equal(404);
  });
});
