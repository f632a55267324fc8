import type { RequestHandler } from 'express';
import { rateLimit, type Store } from 'express-rate-limit';
import { AppError } from '../domain/app-error';
import { currentMerchant } from './merchant-auth';

const WINDOW_MS = 60_000;

function limitReached(): AppError {
  return new AppError('rate_limited', 'too many requests; retry after the time in Retry-After');
}

/**
 * Per merchant (so a rotated key keeps its count), after authentication: `perMinute` requests a minute. `store`:
 * where the counts live (src/http/shared-rate-limit-store.ts on PostgreSQL); this process's memory without it.
 */
export function merchantRateLimit(perMinute: number, store?: Store): RequestHandler {
  return rateLimit({
    ...(store ? { store } : {}),
    windowMs: WINDOW_MS,
    limit: perMinute,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    keyGenerator: (_req, res) => `merchant:${currentMerchant(res).id}`,
    handler: (_req, _res, next) => next(limitReached()),
  });
}

/**
 * Per client IP, before authentication, counting only refused keys: guessing keys, or a client with
 * a revoked key, is slowed down without touching merchants that authenticate.
 */
export function failedAuthRateLimit(perMinute: number, store?: Store): RequestHandler {
  return rateLimit({
    ...(store ? { store } : {}),
    windowMs: WINDOW_MS,
    limit: perMinute,
    standardHeaders: false,
    legacyHeaders: false,
    skipSuccessfulRequests: true,
    requestWasSuccessful: (_req, res) => res.statusCode !== 401,
    handler: (_req, _res, next) => next(limitReached()),
  });
}
