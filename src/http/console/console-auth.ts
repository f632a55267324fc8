import type { Request, RequestHandler, Response } from 'express';
import { csrfMatches, type ConsoleSession, type SessionStore } from '../../console/console-sessions';
import type { OperatorService } from '../../console/operator-service';
import { sessionIdOf } from './console-cookie';

/** The logged-in session of this request, set by requireOperator. */
export function sessionOf(res: Response): ConsoleSession & { operator: NonNullable<ConsoleSession['operator']> } {
  return res.locals.consoleSession as ConsoleSession & { operator: NonNullable<ConsoleSession['operator']> };
}

/**
 * The request's session, if it is live and logged in by an operator who still exists with the same password
 * (a removal or a new password from the CLI ends it at the next request).
 */
export async function operatorSession(
  req: Request,
  sessions: SessionStore,
  operators: Pick<OperatorService, 'find'>,
): Promise<ConsoleSession | undefined> {
  const session = sessions.get(sessionIdOf(req));
  if (!session?.operator) return undefined;
  const operator = await operators.find(session.operator.id);
  if (!operator || operator.passwordSetAt !== session.operator.passwordSetAt) {
    sessions.end(session.id);
    return undefined;
  }
  return session;
}

/** Pages go to the login form, API calls get 401 JSON. */
export function requireOperator(
  sessions: SessionStore,
  operators: Pick<OperatorService, 'find'>,
  onMissing: (res: Response) => void,
): RequestHandler {
  return async (req, res, next) => {
    const session = await operatorSession(req, sessions, operators);
    if (!session) return onMissing(res);
    res.locals.consoleSession = session;
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
