import type { Request, RequestHandler } from 'express';
import type { Logger } from 'pino';

/**
 * One line per request: method, route pattern (`/v1/orders/:id`), status and duration. Never the raw path
 * (a card number keyed into a URL would be written: issue 17, defect 3), headers or bodies.
 */
export function requestLog(log: Logger): RequestHandler {
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    const route = noteRoute(req);
    res.on('finish', () => {
      const pattern = route();
      // A load balancer asks these every few seconds: at info they would drown the log. Readiness changes are
      // logged by src/health/readiness.ts when they happen.
      const level = pattern === '/healthz' || pattern === '/readyz' ? 'debug' : 'info';
      log[level](
        {
          method: req.method,
          route: pattern ?? '(no route)',
          status: res.statusCode,
          ms: Number(process.hrtime.bigint() - started) / 1e6,
        },
        'http request',
      );
    });
    next();
  };
}

/**
 * The pattern of the route that handled the request. Express sets `req.route` when a route matches, while
 * `req.baseUrl` is still the full mount path; by the time the response ends, an error passed on has already
 * unwound `baseUrl`. So the pattern is taken at that moment, by watching the assignment.
 */
function noteRoute(req: Request): () => string | undefined {
  let current: unknown;
  let pattern: string | undefined;
  Object.defineProperty(req, 'route', {
    configurable: true,
    enumerable: true,
    get: () => current,
    set(route: { path?: unknown } | undefined) {
      current = route;
      if (route && typeof route.path === 'string') pattern = `${req.baseUrl}${route.path === '/' ? '' : route.path}` || '/';
    },
  });
  return () => pattern;
}
