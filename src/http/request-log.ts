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

const ROUTE = Symbol('route');
const PATTERN = Symbol('route pattern');
type WatchedRequest = Request & { [ROUTE]?: unknown; [PATTERN]?: string };
const watched = new WeakSet<object>();

/**
 * The pattern of the route that handled the request. Express sets `req.route` when a route matches, while
 * `req.baseUrl` is still the full mount path; by the time the response ends, an error passed on has already
 * unwound `baseUrl`. So the pattern is taken at that moment, by watching the assignment. The watch is an accessor
 * on the app's request prototype, defined once: defined on each request it cost about 30 µs of CPU a request
 * (bench:api, docs/performance.md), V8 then treating every request object as a slow dictionary.
 */
function noteRoute(req: Request): () => string | undefined {
  const proto = Object.getPrototypeOf(req) as object;
  if (!watched.has(proto)) {
    watched.add(proto);
    Object.defineProperty(proto, 'route', {
      configurable: true,
      enumerable: true,
      get(this: WatchedRequest) {
        return this[ROUTE];
      },
      set(this: WatchedRequest, route: { path?: unknown } | undefined) {
        this[ROUTE] = route;
        if (route && typeof route.path === 'string') {
          this[PATTERN] = `${this.baseUrl}${route.path === '/' ? '' : route.path}` || '/';
        }
      },
    });
  }
  return () => (req as WatchedRequest)[PATTERN];
}
