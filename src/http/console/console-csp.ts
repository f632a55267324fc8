import type { RequestHandler } from 'express';
import helmet from 'helmet';

/**
 * Stricter than the API's (src/http/create-app.ts): the console's pages run only their own script and style files,
 * talk only to this origin, post forms only here and are never framed. Set after the app's helmet, so it replaces
 * that policy on /console.
 */
export function consoleCsp(): RequestHandler {
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
