import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Response } from 'express';

/**
 * `express.json({ verify })` hook: keeps the body's bytes as received, because a signature covers
 * the bytes the merchant sent, not a re-serialisation of the parsed JSON.
 */
export function keepRawBody(_req: IncomingMessage, res: ServerResponse, buf: Buffer): void {
  (res as Response).locals.rawBody = buf;
}

/** The body's bytes as received; empty when no body was read (none sent, or not JSON). */
export function rawBodyOf(res: Response): Buffer {
  const raw: unknown = res.locals.rawBody;
  return Buffer.isBuffer(raw) ? raw : Buffer.alloc(0);
}
