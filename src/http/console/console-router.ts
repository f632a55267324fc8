import express, { type Request, type Response } from 'express';
import { rateLimit } from 'express-rate-limit';
import type { Logger } from 'pino';
import type { ConsoleData } from '../../console/console-data';
import { csrfMatches, type SessionStore } from '../../console/console-sessions';
import type { OperatorService } from '../../console/operator-service';
import { queryMessage } from '../../console/query-message';
import { CONSOLE_STATIC_DIR, UPLOT_DIST_DIR } from '../../console/static-files';
import { dashboardPage } from '../../console/views/dashboard-page';
import { html, type Html } from '../../console/views/html';
import { layout } from '../../console/views/layout';
import { loginPage } from '../../console/views/login-page';
import { AppError } from '../../domain/app-error';
import type { QueryNowResult } from '../../payment/payment-recovery';
import { consoleCsp } from './console-csp';
import { operatorSession, requireCsrf, requireOperator, sessionOf } from './console-auth';
import { clearSessionCookie, sessionIdOf, setSessionCookie, type CookieSettings } from './console-cookie';

export interface ConsoleDeps {
  data: Pick<ConsoleData, 'overview' | 'series'>;
  operators: Pick<OperatorService, 'authenticate' | 'find'>;
  sessions: SessionStore;
  /** The console's "query now" (src/payment/payment-recovery.ts queryNow). */
  queryNow(attemptId: string): Promise<QueryNowResult>;
  cookie: CookieSettings;
  /** Failed logins a client IP may make in 15 minutes (CONSOLE_LOGIN_ATTEMPTS). */
  loginAttempts: number;
  /** How often the page reloads itself. */
  refreshSeconds?: number;
  log: Logger;
}

const LOGIN_WINDOW_MS = 15 * 60_000;
const FORM = express.urlencoded({ extended: false, limit: '4kb', parameterLimit: 10 });

function page(res: Response, status: number, body: Html): void {
  res.status(status).type('html').send(body.text);
}

function message(res: Response, status: number, title: string, text: string): void {
  page(
    res,
    status,
    layout(
      title,
      html`<main class="login">
        <h1>${title}</h1>
        <p>${text}</p>
        <p><a href="/console">Back to the console</a></p>
      </main>`,
    ),
  );
}

/** The operator console (issue 15 §4): a login, one server-rendered page, its chart's data and "query now". */
export function consoleRouter(deps: ConsoleDeps): express.Router {
  const { sessions, operators, cookie } = deps;
  const router = express.Router();
  router.use(consoleCsp());
  router.use((_req, res, next) => {
    res.set('Cache-Control', 'no-store');
    next();
  });
  router.use('/static', express.static(CONSOLE_STATIC_DIR, { index: false, fallthrough: true }));
  router.get(['/static/uPlot.iife.min.js', '/static/uPlot.min.css'], (req, res) => {
    res.sendFile(req.path.slice('/static/'.length), { root: UPLOT_DIST_DIR });
  });

  const toLogin = (res: Response) => res.redirect(303, '/console/login');
  const pageAuth = requireOperator(sessions, operators, toLogin);
  const apiAuth = requireOperator(sessions, operators, (res) => {
    res.status(401).json({ error: { code: 'unauthorized', message: 'log in at /console/login' } });
  });
  const csrf = requireCsrf((res) =>
    message(res, 403, 'Refused', 'The form was not from this session. Reload the page and try again.'),
  );

  /** The anonymous session of the login form, opened (and its cookie set) when the browser has none. */
  const formSession = (req: Request, res: Response) => {
    const existing = sessions.get(sessionIdOf(req));
    if (existing) return existing;
    const opened = sessions.open();
    setSessionCookie(res, opened.id, sessions.ttlMs, cookie);
    return opened;
  };

  router.get('/login', async (req, res) => {
    if (await operatorSession(req, sessions, operators)) return res.redirect(303, '/console');
    page(res, 200, loginPage({ csrf: formSession(req, res).csrf }));
  });

  const loginLimit = rateLimit({
    windowMs: LOGIN_WINDOW_MS,
    limit: deps.loginAttempts,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    // Only refused logins count: an operator logging in many times a day is not slowed down.
    skipSuccessfulRequests: true,
    handler: (_req, res) => message(res, 429, 'Too many attempts', 'Too many failed logins from this address: wait 15 minutes.'),
  });

  router.post('/login', loginLimit, FORM, async (req, res) => {
    const body = req.body as Record<string, unknown>;
    const session = sessions.get(sessionIdOf(req));
    if (!session || !csrfMatches(session, body._csrf)) {
      return page(res, 403, loginPage({ csrf: formSession(req, res).csrf, error: 'The form expired. Please log in again.' }));
    }
    const name = typeof body.name === 'string' ? body.name : '';
    const operator = await operators.authenticate(name, typeof body.password === 'string' ? body.password : '');
    if (!operator) {
      deps.log.warn({ operator: name.slice(0, 40) }, 'console login refused');
      return page(res, 401, loginPage({ csrf: session.csrf, error: 'Wrong operator name or password.', name }));
    }
    const signedIn = sessions.signIn(session.id, { id: operator.id, name: operator.name, passwordSetAt: operator.passwordSetAt });
    setSessionCookie(res, signedIn.id, sessions.ttlMs, cookie);
    deps.log.info({ operator: operator.name }, 'console login');
    res.redirect(303, '/console');
  });

  router.post('/logout', pageAuth, FORM, csrf, (_req, res) => {
    sessions.end(sessionOf(res).id);
    clearSessionCookie(res, cookie);
    res.redirect(303, '/console/login');
  });

  router.get('/', pageAuth, async (_req, res) => {
    const session = sessionOf(res);
    const flash = session.flash;
    delete session.flash;
    const overview = await deps.data.overview();
    page(
      res,
      200,
      dashboardPage({
        overview,
        operator: session.operator.name,
        csrf: session.csrf,
        flash,
        refreshSeconds: deps.refreshSeconds ?? 30,
      }),
    );
  });

  router.get('/api/series', apiAuth, async (req, res) => {
    const hours = Number(req.query.hours ?? 3);
    if (!Number.isInteger(hours) || hours < 1 || hours > 24)
      throw new AppError('validation_failed', 'hours is a whole number from 1 to 24');
    res.json(await deps.data.series(hours));
  });

  router.post('/attempts/:id/query', pageAuth, FORM, csrf, async (req, res) => {
    const session = sessionOf(res);
    const attemptId = String(req.params.id);
    try {
      session.flash = queryMessage(await deps.queryNow(attemptId));
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      session.flash = `${attemptId}: ${err.message}`;
    }
    deps.log.info({ operator: session.operator.name, attemptId }, 'console query now');
    res.redirect(303, '/console#unresolved');
  });

  return router;
}
