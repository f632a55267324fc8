import type { Request, Response } from 'express';

/**
 * The cookie that carries a page's session id (the console's, the agent page's): HttpOnly (no script reads it),
 * SameSite=Strict (no other site's request carries it), scoped to the page's path, Secure when asked.
 */
export interface SessionCookie {
  /** The session id the browser sent, if any (no cookie-parser: one cookie is all a page reads). */
  idOf(req: Request): string | undefined;
  set(res: Response, id: string, maxAgeMs: number, secure: boolean): void;
  clear(res: Response, secure: boolean): void;
}

export interface CookieSettings {
  /** CONSOLE_COOKIE_SECURE: sent over https only (set it when the page is reached through a TLS proxy). */
  secure: boolean;
}

export function sessionCookie(name: string, path: string): SessionCookie {
  const flags = (secure: boolean) => ({ path, httpOnly: true, sameSite: 'strict' as const, secure });
  return {
    idOf(req) {
      for (const part of (req.headers.cookie ?? '').split(';')) {
        const eq = part.indexOf('=');
        if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
      }
      return undefined;
    },
    set: (res, id, maxAgeMs, secure) => res.cookie(name, id, { ...flags(secure), maxAge: maxAgeMs }),
    clear: (res, secure) => res.clearCookie(name, flags(secure)),
  };
}
