import express, { type Request, type Response, type Router } from 'express';
import { rateLimit } from 'express-rate-limit';
import type { Logger } from 'pino';
import { csrfMatches, type SessionUser } from '../../console/console-sessions';
import type { Html } from '../../console/views/html';
import { loggedInSession, requireCsrf, requireLogin, sessionOf, type LoginCheck } from './session-auth';

/** The name a login form posted ('' when none). */
const loginNameOf = (req: Request): string => {
  const name = (req.body as Record<string, unknown> | undefined)?.name;
  return typeof name === 'string' ? name : '';
};

/** The pages' forms: small, urlencoded, a few fields. */
export const FORM = express.urlencoded({ extended: false, limit: '4kb', parameterLimit: 10 });

const LOGIN_WINDOW_MS = 15 * 60_000;

export interface LoginRoutes<U extends SessionUser> {
  /** Where the page is mounted: `/console`, `/agent`. */
  base: string;
  /** Who logs in, for messages and logs: `operator`, `agent`. */
  who: string;
  check: LoginCheck<U>;
  /** Whether the session cookie is Secure for this request. */
  secure(req: Request): boolean;
  authenticate(name: string, password: string): Promise<U | undefined>;
  /** Failed logins in 15 minutes: from one client IP, and for one login name when given. */
  attempts: { perIp: number; perLogin?: number };
  loginPage(opts: { csrf: string; error?: string; name?: string }): Html;
  messagePage(title: string, text: string): Html;
  log: Logger;
  /** Told when a session ends by logout, before the answer (the agent page ends its event streams). */
  onLogout?(sessionId: string): void;
}

export function sendPage(res: Response, status: number, body: Html): void {
  res.status(status).type('html').send(body.text);
}

function failedLoginLimit(limit: number, key: ((req: Request) => string) | undefined, page: () => Html) {
  return rateLimit({
    windowMs: LOGIN_WINDOW_MS,
    limit,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    // Only refused logins count: logging in many times a day is not slowed down.
    skipSuccessfulRequests: true,
    ...(key ? { keyGenerator: key } : {}),
    handler: (_req, res) => sendPage(res, 429, page()),
  });
}

/**
 * GET/POST `<base>/login` and POST `<base>/logout` of a page with logins (the console, the agent page): a session
 * cookie from the first GET, a synchronizer token on the login form too, a new session id at login, failed logins
 * limited, and the same answer for an unknown name as for a wrong password. Returns the page's guards.
 */
export function addLoginRoutes<U extends SessionUser>(router: Router, r: LoginRoutes<U>) {
  const { check } = r;
  const tooMany = (text: string) => () => r.messagePage('Too many attempts', text);
  const perIp = failedLoginLimit(
    r.attempts.perIp,
    undefined,
    tooMany('Too many failed logins from this address: wait 15 minutes.'),
  );
  const perLogin = r.attempts.perLogin
    ? [
        failedLoginLimit(
          r.attempts.perLogin,
          (req) => `login:${loginNameOf(req).toLowerCase()}`,
          tooMany('Too many failed logins for this name: wait 15 minutes.'),
        ),
      ]
    : [];

  /** The anonymous session of the login form, opened (and its cookie set) when the browser has none. */
  const formSession = (req: Request, res: Response) => {
    const existing = check.sessions.get(check.cookie.idOf(req));
    if (existing) return existing;
    const opened = check.sessions.open();
    check.cookie.set(res, opened.id, check.sessions.ttlMs, r.secure(req));
    return opened;
  };

  router.get('/login', async (req, res) => {
    if (await loggedInSession(req, check)) return res.redirect(303, r.base);
    sendPage(res, 200, r.loginPage({ csrf: formSession(req, res).csrf }));
  });

  router.post('/login', perIp, FORM, ...perLogin, async (req, res) => {
    const body = req.body as Record<string, unknown>;
    const session = check.sessions.get(check.cookie.idOf(req));
    if (!session || !csrfMatches(session, body._csrf)) {
      return sendPage(
        res,
        403,
        r.loginPage({ csrf: formSession(req, res).csrf, error: 'The form expired. Please log in again.' }),
      );
    }
    const name = loginNameOf(req);
    const user = await r.authenticate(name, typeof body.password === 'string' ? body.password : '');
    if (!user) {
      r.log.warn({ [r.who]: name.slice(0, 40) }, `${r.who} login refused`);
      return sendPage(res, 401, r.loginPage({ csrf: session.csrf, error: `Wrong ${r.who} name or password.`, name }));
    }
    const signedIn = check.sessions.signIn(session.id, user);
    check.cookie.set(res, signedIn.id, check.sessions.ttlMs, r.secure(req));
    r.log.info({ [r.who]: user.name }, `${r.who} login`);
    res.redirect(303, r.base);
  });

  const toLogin = (res: Response) => res.redirect(303, `${r.base}/login`);
  const guards = {
    page: requireLogin(check, toLogin),
    csrf: requireCsrf((res) =>
      sendPage(res, 403, r.messagePage('Refused', 'The form was not from this session. Reload the page and try again.')),
    ),
  };

  router.post('/logout', guards.page, FORM, guards.csrf, (req, res) => {
    const { id } = sessionOf(res);
    check.sessions.end(id);
    r.onLogout?.(id);
    check.cookie.clear(res, r.secure(req));
    toLogin(res);
  });

  return guards;
}
