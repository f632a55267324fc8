import type { Request, RequestHandler, Response } from 'express';
import { csrfMatches, type Session, type SessionStore, type SessionUser } from '../../console/console-sessions';
import type { SessionCookie } from './session-cookie';

export type LoggedIn<U extends SessionUser> = Session<U> & { user: U };

/** Where a page's logins are checked: its sessions, its cookie, and its users as they are now. */
export interface LoginCheck<U extends SessionUser> {
  sessions: SessionStore<U>;
  cookie: SessionCookie;
  /** The user still there (and enabled) with this id; undefined once removed or disabled. */
  find(id: string): Promise<Pick<SessionUser, 'passwordSetAt'> | undefined>;
}

/** The logged-in session of this request, set by requireLogin. */
export function sessionOf<U extends SessionUser>(res: Response): LoggedIn<U> {
  return res.locals.loginSession as LoggedIn<U>;
}

/**
 * The session `id`, if it is live and logged in by a user who still exists with the same password (a removal, a
 * disabling or a new password from the CLI ends it at the next request).
 */
export async function liveSession<U extends SessionUser>(
  check: LoginCheck<U>,
  id: string | undefined,
): Promise<LoggedIn<U> | undefined> {
  const session = check.sessions.get(id);
  if (!session?.user) return undefined;
  const user = await check.find(session.user.id);
  if (!user || user.passwordSetAt !== session.user.passwordSetAt) {
    check.sessions.end(session.id);
    return undefined;
  }
  return session as LoggedIn<U>;
}

/** The request's live logged-in session (its cookie's). */
export function loggedInSession<U extends SessionUser>(req: Request, check: LoginCheck<U>): Promise<LoggedIn<U> | undefined> {
  return liveSession(check, check.cookie.idOf(req));
}

/** Pages go to the login form, API calls get 401. */
export function requireLogin<U extends SessionUser>(check: LoginCheck<U>, onMissing: (res: Response) => void): RequestHandler {
  return async (req, res, next) => {
    const session = await loggedInSession(req, check);
    if (!session) return onMissing(res);
    res.locals.loginSession = session;
    next();
  };
}

/** Every POST carries the session's synchronizer token in `_csrf`; a missing or other one is refused (403). */
export function requireCsrf(onRefused: (res: Response) => void): RequestHandler {
  return (req, res, next) => {
    const body = req.body as Record<string, unknown> | undefined;
    if (!csrfMatches(sessionOf(res), body?._csrf)) return onRefused(res);
    next();
  };
}
