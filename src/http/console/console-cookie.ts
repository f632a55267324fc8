import type { Request, Response } from 'express';

export const COOKIE_NAME = 'ivrpay_console';
const COOKIE_PATH = '/console';

/** The session id the browser sent, if any (no cookie-parser: one cookie is all the console reads). */
export function sessionIdOf(req: Request): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === COOKIE_NAME) return part.slice(eq + 1).trim();
  }
  return undefined;
}

export interface CookieSettings {
  /** CONSOLE_COOKIE_SECURE: sent over https only (set it when the console is reached through a TLS proxy). */
  secure: boolean;
}

/** HttpOnly (no script reads it), SameSite=Strict (no other site's request carries it), scoped to /console. */
export function setSessionCookie(res: Response, id: string, maxAgeMs: number, settings: CookieSettings): void {
  res.cookie(COOKIE_NAME, id, {
    path: COOKIE_PATH,
    httpOnly: true,
    sameSite: 'strict',
    secure: settings.secure,
    maxAge: maxAgeMs,
  });
}

export function clearSessionCookie(res: Response, settings: CookieSettings): void {
  res.clearCookie(COOKIE_NAME, { path: COOKIE_PATH, httpOnly: true, sameSite: 'strict', secure: settings.secure });
}
