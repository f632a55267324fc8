import express, { type Response } from 'express';
import type { Logger } from 'pino';
import type { ConsoleData } from '../../console/console-data';
import type { SessionStore, SessionUser } from '../../console/console-sessions';
import type { OperatorService } from '../../console/operator-service';
import { queryMessage } from '../../console/query-message';
import { CONSOLE_STATIC_DIR, UPLOT_DIST_DIR } from '../../console/static-files';
import { dashboardPage } from '../../console/views/dashboard-page';
import { html } from '../../console/views/html';
import { layout } from '../../console/views/layout';
import { loginPage } from '../../console/views/login-page';
import { AppError } from '../../domain/app-error';
import type { QueryNowResult } from '../../payment/payment-recovery';
import { addLoginRoutes, FORM, sendPage } from '../login/login-routes';
import { pageHeaders } from '../login/page-csp';
import { requireLogin, sessionOf, type LoginCheck } from '../login/session-auth';
import { sessionCookie, type CookieSettings } from '../login/session-cookie';

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

const CONSOLE_COOKIE = sessionCookie('ivrpay_console', '/console');

function messagePage(title: string, text: string) {
  return layout(
    title,
    html`<main class="login">
      <h1>${title}</h1>
      <p>${text}</p>
      <p><a href="/console">Back to the console</a></p>
    </main>`,
  );
}

/** The operator console (issue 15 §4): a login, one server-rendered page, its chart's data and "query now". */
export function consoleRouter(deps: ConsoleDeps): express.Router {
  const router = express.Router();
  router.use(pageHeaders());
  router.use('/static', express.static(CONSOLE_STATIC_DIR, { index: false, fallthrough: true }));
  router.get(['/static/uPlot.iife.min.js', '/static/uPlot.min.css'], (req, res) => {
    res.sendFile(req.path.slice('/static/'.length), { root: UPLOT_DIST_DIR });
  });

  const check: LoginCheck<SessionUser> = {
    sessions: deps.sessions,
    cookie: CONSOLE_COOKIE,
    find: (id) => deps.operators.find(id),
  };
  const guards = addLoginRoutes(router, {
    base: '/console',
    who: 'operator',
    check,
    secure: () => deps.cookie.secure,
    authenticate: async (name, password) => {
      const operator = await deps.operators.authenticate(name, password);
      return operator && { id: operator.id, name: operator.name, passwordSetAt: operator.passwordSetAt };
    },
    attempts: { perIp: deps.loginAttempts },
    loginPage,
    messagePage,
    log: deps.log,
  });
  const apiAuth = requireLogin(check, (res: Response) => {
    res.status(401).json({ error: { code: 'unauthorized', message: 'log in at /console/login' } });
  });

  router.get('/', guards.page, async (_req, res) => {
    const session = sessionOf(res);
    const flash = session.flash;
    delete session.flash;
    const overview = await deps.data.overview();
    sendPage(
      res,
      200,
      dashboardPage({
        overview,
        operator: session.user.name,
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

  router.post('/attempts/:id/query', guards.page, FORM, guards.csrf, async (req, res) => {
    const session = sessionOf(res);
    const attemptId = String(req.params.id);
    try {
      session.flash = queryMessage(await deps.queryNow(attemptId));
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      session.flash = `${attemptId}: ${err.message}`;
    }
    deps.log.info({ operator: session.user.name, attemptId }, 'console query now');
    res.redirect(303, '/console#unresolved');
  });

  return router;
}
