import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import { errorSummary } from '../log/error-summary';

export interface MetricsServer {
  address: AddressInfo;
  /** Stops listening; a scrape in progress finishes first. */
  close(): Promise<void>;
}

/**
 * GET /metrics in Prometheus' text format, on an address of its own (METRICS_HOST, loopback by default), apart from
 * the merchant API: its figures are for the operator's Prometheus, not for merchants or the internet.
 */
export async function startMetricsServer(opts: {
  registry: Registry;
  host: string;
  port: number;
  log: Logger;
}): Promise<MetricsServer> {
  const { registry, log } = opts;
  const server = http.createServer((req, res) => {
    const path = (req.url ?? '').split('?')[0];
    if (path !== '/metrics') return answer(res, 404, 'not found: scrape /metrics\n');
    if (req.method !== 'GET' && req.method !== 'HEAD') return answer(res, 405, 'GET /metrics\n', { allow: 'GET, HEAD' });
    registry.metrics().then(
      (text) => answer(res, 200, text, { 'content-type': registry.contentType }),
      (err: unknown) => {
        log.error({ err: errorSummary(err, { withMessage: true }) }, 'metrics: collecting failed');
        answer(res, 500, 'collecting the metrics failed\n');
      },
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return {
    address: server.address() as AddressInfo,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        // Prometheus keeps its connection open between scrapes.
        server.closeIdleConnections();
      }),
  };
}

function answer(res: http.ServerResponse, status: number, body: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', ...headers });
  res.end(body);
}
