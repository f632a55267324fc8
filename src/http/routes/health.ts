import express from 'express';
import type { ReadinessReport } from '../../health/readiness';

export interface HealthSource {
  check(): Promise<ReadinessReport>;
}

/**
 * GET /healthz: the process answers (liveness: restart it when this fails). GET /readyz: the checks behind
 * taking calls (send no traffic while 503). No key: load balancers ask; the answers hold no secrets.
 */
export function healthRouter(readiness?: HealthSource): express.Router {
  const router = express.Router();
  router.use((_req, res, next) => {
    res.set('Cache-Control', 'no-store');
    next();
  });
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok', checks: { process: { ok: true, uptimeSeconds: Math.round(process.uptime()) } } });
  });
  if (readiness) {
    router.get('/readyz', async (_req, res) => {
      const report = await readiness.check();
      res.status(report.status === 'ready' ? 200 : 503).json(report);
    });
  }
  return router;
}
