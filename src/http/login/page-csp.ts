import type { RequestHandler } from 'express';
import helmet from 'helmet';

/**
 * Stricter than the API's (src/http/create-app.ts), for the console and the agent page: they run only their own
 * script and style files, talk only to this origin (the agent page's event stream too), post forms only here and
 * are never framed. Set after the app's helmet, so it replaces that policy on their paths.
 */
export function pageCsp(): RequestHandler {
  return helmet.contentSecurityPolicy({
    useDefaults: false,
    directives: {
      defaultSrc: ["'none'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'"],
      imgSrc: ["'self'", 'data:'],
      connectSrc: ["'self'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
      baseUri: ["'none'"],
    },
  });
}

/** The pages' headers: their CSP, and no copy kept by the browser or a proxy (they show live, private data). */
export function pageHeaders(): RequestHandler[] {
  return [
    pageCsp(),
    (_req, res, next) => {
      res.set('Cache-Control', 'no-store');
      next();
    },
  ];
}
