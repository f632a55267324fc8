import express, { type Response } from 'express';
import type { Logger } from 'pino';
import type { AgentDesk, CaptureField } from '../../agent-assist/agent-desk';
import type { AgentService } from '../../agent-assist/agent-service';
import { callDisplay, FIELD_LABELS, ownCallsFirst } from '../../agent-assist/call-display';
import { AGENT_STATIC_DIR } from '../../agent-assist/static-files';
import { agentLoginPage, agentMessagePage } from '../../agent-assist/views/agent-layout';
import { callsPage } from '../../agent-assist/views/calls-page';
import type { SessionStore } from '../../console/console-sessions';
import { CONSOLE_STATIC_DIR } from '../../console/static-files';
import { beijingTime } from '../../console/views/html';
import { AppError } from '../../domain/app-error';
import { addLoginRoutes, FORM, sendPage } from '../login/login-routes';
import { pageHeaders } from '../login/page-csp';
import { requireLogin, sessionOf, type LoggedIn, type LoginCheck } from '../login/session-auth';
import { sessionCookie, type CookieSettings } from '../login/session-cookie';
import { agentEvents } from './agent-events';
import type { AgentLogin } from './agent-login';
import { deskErrorMessage } from './desk-error-message';

export interface AgentPageDeps {
  desk: AgentDesk;
  agents: Pick<AgentService, 'authenticate' | 'find'>;
  /** The merchant's name, for the page's header. */
  merchantName(merchantId: string): Promise<string | undefined>;
  sessions: SessionStore<AgentLogin>;
  /** Secure is also set on a cookie sent over https, whatever this says. */
  cookie: CookieSettings;
  /** Failed logins in 15 minutes from one client IP, and for one login name. */
  loginAttempts: { perIp: number; perLogin: number };
  /** Between the event stream's heartbeats (15 s), at each of which the session is checked again. */
  heartbeatMs?: number;
  log: Logger;
}

const AGENT_COOKIE = sessionCookie('ivrpay_agent', '/agent');
const ORDER_ID = /^[\w.-]{1,64}$/;

/**
 * The agent page (issue 14, README "Agent-assisted payments"): a call-centre agent logs in, sees its merchant's
 * calls, starts a capture for an order and follows it, masked, over server-sent events (agent-events.ts).
 */
export function agentRouter(deps: AgentPageDeps): express.Router {
  const { desk } = deps;
  const router = express.Router();
  router.use(pageHeaders());
  router.use('/static', express.static(AGENT_STATIC_DIR, { index: false, fallthrough: true }));
  router.get('/static/console.css', (_req, res) => res.sendFile('console.css', { root: CONSOLE_STATIC_DIR }));

  const check: LoginCheck<AgentLogin> = { sessions: deps.sessions, cookie: AGENT_COOKIE, find: (id) => deps.agents.find(id) };
  const events = agentEvents({ desk, check, heartbeatMs: deps.heartbeatMs ?? 15_000, log: deps.log });
  const guards = addLoginRoutes(router, {
    base: '/agent',
    who: 'agent',
    check,
    secure: (req) => deps.cookie.secure || req.secure,
    authenticate: async (name, password) => {
      const a = await deps.agents.authenticate(name, password);
      return a && { id: a.id, name: a.name, passwordSetAt: a.passwordSetAt, merchantId: a.merchantId, extension: a.extension };
    },
    attempts: deps.loginAttempts,
    loginPage: agentLoginPage,
    messagePage: agentMessagePage,
    log: deps.log,
    onLogout: (sessionId) => events.end(sessionId),
  });
  const streamAuth = requireLogin(check, (res: Response) => {
    res.status(401).json({ error: { code: 'unauthorized', message: 'log in at /agent/login' } });
  });
  const agentOf = (res: Response): LoggedIn<AgentLogin> => sessionOf<AgentLogin>(res);

  router.get('/', guards.page, async (_req, res) => {
    const session = agentOf(res);
    const { merchantId, extension, name } = session.user;
    const flash = session.flash;
    delete session.flash;
    const calls = ownCallsFirst(desk.callsOf(merchantId), extension).map((c) => callDisplay(c, extension, beijingTime));
    const merchantName = (await deps.merchantName(merchantId)) ?? merchantId;
    sendPage(res, 200, callsPage({ agent: { name, extension }, merchantName, calls, csrf: session.csrf, flash }));
  });

  router.get('/events', streamAuth, (req, res) => events.stream(req, res, agentOf(res)));

  /** Runs a desk action for the agent's merchant; its AppError becomes the page's message. */
  const deskAction = (act: (merchantId: string, callId: string, body: Record<string, unknown>) => Promise<unknown>) =>
    [
      guards.page,
      FORM,
      guards.csrf,
      async (req: express.Request, res: Response) => {
        const session = agentOf(res);
        const callId = String(req.params.callId);
        try {
          await act(session.user.merchantId, callId, req.body as Record<string, unknown>);
        } catch (err) {
          if (!(err instanceof AppError)) throw err;
          session.flash = deskErrorMessage(err);
          deps.log.info({ agent: session.user.name, callId, code: err.code }, 'agent desk action refused');
        }
        res.redirect(303, `/agent#call-${encodeURIComponent(callId)}`);
      },
    ] as const;

  router.post(
    '/calls/:callId/capture',
    ...deskAction(async (merchantId, callId, body) => {
      const orderId = typeof body.orderId === 'string' ? body.orderId.trim() : '';
      if (!ORDER_ID.test(orderId))
        throw new AppError('validation_failed', 'Enter the order id (letters, digits, "_", "-", ".").');
      await desk.startCapture(merchantId, callId, orderId);
    }),
  );

  router.post(
    '/calls/:callId/ask-again',
    ...deskAction(async (merchantId, callId, body) => {
      const field =
        typeof body.field === 'string' && Object.hasOwn(FIELD_LABELS, body.field) ? (body.field as CaptureField) : undefined;
      if (!field) throw new AppError('validation_failed', 'No such field to ask again.');
      await desk.askAgain(merchantId, callId, field);
    }),
  );

  router.post('/calls/:callId/cancel', ...deskAction((merchantId, callId) => desk.cancel(merchantId, callId)));

  return router;
}
