import { randomBytes, timingSafeEqual } from 'node:crypto';

/** A browser's session: anonymous until its operator logs in (the login form is CSRF-protected too). */
export interface ConsoleSession {
  id: string;
  /** The synchronizer token every POST of this session must carry. */
  csrf: string;
  operator?: { id: string; name: string; passwordSetAt: string };
  expiresAt: number;
  /** A message for the next page only (e.g. a query's result). */
  flash?: string;
}

export interface SessionSettings {
  ttlMs: number;
  now: () => Date;
  /** Beyond this many, the oldest sessions are dropped (a flood of anonymous GETs must not grow memory). */
  maxSessions?: number;
}

const token = () => randomBytes(32).toString('base64url');

/** Sessions in the service's memory: a restart logs operators out, which is acceptable for a console. */
export function createSessionStore(settings: SessionSettings) {
  const sessions = new Map<string, ConsoleSession>();
  const max = settings.maxSessions ?? 10_000;
  const clock = () => settings.now().getTime();

  /** Expired sessions go; when still full, the oldest anonymous ones, so a flood of GETs logs no operator out. */
  function prune(): void {
    for (const [id, s] of sessions) if (s.expiresAt <= clock()) sessions.delete(id);
    for (const [id, s] of sessions) if (sessions.size >= max && !s.operator) sessions.delete(id);
    for (const id of sessions.keys()) if (sessions.size >= max) sessions.delete(id);
  }

  function add(session: Omit<ConsoleSession, 'id' | 'csrf' | 'expiresAt'>): ConsoleSession {
    prune();
    const created: ConsoleSession = { ...session, id: token(), csrf: token(), expiresAt: clock() + settings.ttlMs };
    sessions.set(created.id, created);
    return created;
  }

  return {
    ttlMs: settings.ttlMs,
    open: (): ConsoleSession => add({}),
    /** The live session of this id; an expired one is forgotten. */
    get(id: string | undefined): ConsoleSession | undefined {
      const session = id === undefined ? undefined : sessions.get(id);
      if (session && session.expiresAt <= clock()) {
        sessions.delete(session.id);
        return undefined;
      }
      return session;
    },
    /** A new session (new id and token: no fixation) for the operator; the anonymous one ends. */
    signIn(previousId: string, operator: NonNullable<ConsoleSession['operator']>): ConsoleSession {
      sessions.delete(previousId);
      return add({ operator });
    },
    end(id: string): void {
      sessions.delete(id);
    },
  };
}

export type SessionStore = ReturnType<typeof createSessionStore>;

/** Whether `given` is the session's token, in constant time. */
export function csrfMatches(session: ConsoleSession, given: unknown): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(session.csrf);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}
