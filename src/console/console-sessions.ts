import { randomBytes, timingSafeEqual } from 'node:crypto';

/** Who logged in to a session: an operator (the console) or an agent (the agent page, with its merchant). */
export interface SessionUser {
  id: string;
  name: string;
  /** The password's date when the session opened: a session opened under another password is over. */
  passwordSetAt: string;
}

/** A browser's session: anonymous until its user logs in (the login form is CSRF-protected too). */
export interface Session<U extends SessionUser = SessionUser> {
  id: string;
  /** The synchronizer token every POST of this session must carry. */
  csrf: string;
  user?: U;
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

/** Sessions in the service's memory: a restart logs everyone out, which is acceptable for a console or the agent page. */
export function createSessionStore<U extends SessionUser = SessionUser>(settings: SessionSettings) {
  const sessions = new Map<string, Session<U>>();
  const max = settings.maxSessions ?? 10_000;
  const clock = () => settings.now().getTime();

  /** Expired sessions go; when still full, the oldest anonymous ones, so a flood of GETs logs nobody out. */
  function prune(): void {
    for (const [id, s] of sessions) if (s.expiresAt <= clock()) sessions.delete(id);
    for (const [id, s] of sessions) if (sessions.size >= max && !s.user) sessions.delete(id);
    for (const id of sessions.keys()) if (sessions.size >= max) sessions.delete(id);
  }

  function add(session: Omit<Session<U>, 'id' | 'csrf' | 'expiresAt'>): Session<U> {
    prune();
    const created: Session<U> = { ...session, id: token(), csrf: token(), expiresAt: clock() + settings.ttlMs };
    sessions.set(created.id, created);
    return created;
  }

  return {
    ttlMs: settings.ttlMs,
    open: (): Session<U> => add({}),
    /** The live session of this id; an expired one is forgotten. */
    get(id: string | undefined): Session<U> | undefined {
      const session = id === undefined ? undefined : sessions.get(id);
      if (session && session.expiresAt <= clock()) {
        sessions.delete(session.id);
        return undefined;
      }
      return session;
    },
    /** A new session (new id and token: no fixation) for the user; the anonymous one ends. */
    signIn(previousId: string, user: U): Session<U> {
      sessions.delete(previousId);
      return add({ user });
    },
    end(id: string): void {
      sessions.delete(id);
    },
  };
}

export type SessionStore<U extends SessionUser = SessionUser> = ReturnType<typeof createSessionStore<U>>;

/** Whether `given` is the session's token, in constant time. */
export function csrfMatches(session: Session, given: unknown): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(session.csrf);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}
