import type { RequestHandler, Response } from 'express';
import type { Logger } from 'pino';
import { AppError } from '../domain/app-error';
import { requestFingerprint } from '../services/idempotency-fingerprint';
import {
  IN_FLIGHT_TIMEOUT_MS,
  type IdempotencyLock,
  type IdempotencyStore,
  type IdempotencyWrites,
} from '../services/idempotency-store';
import { isStoreUnavailable } from '../store/store-unavailable';
import { currentMerchant } from './merchant-auth';

export const IDEMPOTENCY_HEADER = 'Idempotency-Key';
export const REPLAYED_HEADER = 'Idempotent-Replayed';
const MAX_KEY_LENGTH = 255;

/** How often a claim whose request got 503 is released again while the store cannot be reached. */
export const RELEASE_RETRY_MS = 250;

const ALL_OR_NOTHING = 'idempotencyAllOrNothing';
const KEEPER = 'idempotencyKeeper';
const KEPT_IN_COMMIT = 'idempotencyKeptInCommit';

/** Writes a request's answer as its key's record, with the unit of work `on` of the request's own change. */
export type AnswerKeeper = (on: IdempotencyWrites, status: number, body: unknown) => Promise<void>;

/**
 * For an all-or-nothing route: keeps its answer in the commit of its change, so a retry after a commit whose
 * acknowledgement was lost (PostgreSQL gone at that instant: the request got 503, yet its order was stored) replays
 * the answer instead of running again into its own merchantOrderId (409). Undefined when the request has no key.
 */
export function answerKeeper(res: Response): AnswerKeeper | undefined {
  return res.locals[KEEPER] as AnswerKeeper | undefined;
}

/**
 * Said by a route whose work is all or nothing (one statement or one transaction, its answer built from what was
 * written, nothing sent elsewhere): a 503 from it means nothing was done, so its key is released and the retry runs.
 * Other routes' 503s are kept and replayed like any 5xx: a refund may have reached the acquirer before the store went.
 */
export function allOrNothing(res: Response): void {
  res.locals[ALL_OR_NOTHING] = true;
}

/**
 * Forgets the claim of a request answered 503 (nothing was done: retry after Retry-After), trying again while the
 * store cannot be reached, which is usually why it was 503: until released, the retry with the same key would get
 * 409 "still in progress". Gives up when the claim lapses by itself (IN_FLIGHT_TIMEOUT_MS).
 */
function releaseWhenReachable(store: IdempotencyStore, lock: IdempotencyLock, log: Logger, startedAt = Date.now()): void {
  store.release(lock).catch((err: unknown) => {
    if (isStoreUnavailable(err) && Date.now() - startedAt < IN_FLIGHT_TIMEOUT_MS) {
      setTimeout(() => releaseWhenReachable(store, lock, log, startedAt), RELEASE_RETRY_MS).unref();
      return;
    }
    log.error({ err, merchantId: lock.merchantId }, 'idempotency claim not released: it lapses after the in-flight timeout');
  });
}

/**
 * Keeps the answer before it is sent, so a retry arriving right after it finds it (or, through answerKeeper, with
 * the request's own change). Invalid requests (400) are forgotten, as Stripe does, and so are the 503s of
 * all-or-nothing routes, which ask for the same request again (Retry-After); every other answer, 5xx included, is
 * kept for replay.
 */
function keepAnswer(res: Response, store: IdempotencyStore, lock: IdempotencyLock, log: Logger): void {
  const send = res.json.bind(res);
  res.locals[KEEPER] = async (on: IdempotencyWrites, status: number, body: unknown) => {
    await store.completeIn(on, lock, status, body);
    res.locals[KEPT_IN_COMMIT] = status;
  };
  res.json = (body: unknown) => {
    const status = res.statusCode;
    // A success is sent only after its commit, which kept this very answer: nothing is left to write.
    if (status < 300 && res.locals[KEPT_IN_COMMIT] === status) return send(body);
    if (status === 503 && res.locals[ALL_OR_NOTHING] === true) {
      releaseWhenReachable(store, lock, log);
      return send(body);
    }
    const finish = async () => {
      try {
        await (status === 400 ? store.release(lock) : store.complete(lock, status, body));
      } catch (err) {
        // The answer still goes out; the claim then lapses after the in-flight timeout. The store gone (restarting)
        // is no fault of ours.
        const level = isStoreUnavailable(err) ? 'warn' : 'error';
        log[level]({ err, merchantId: lock.merchantId }, 'idempotency record not updated');
      }
      send(body);
    };
    finish().catch((err: unknown) => log.error({ err }, 'answer not sent'));
    return res;
  };
}

/**
 * `Idempotency-Key` on POST (Stripe semantics), scoped to the merchant: the same key and body replay
 * the first answer (`Idempotent-Replayed: true`); another body → 422; while the first runs → 409.
 * Runs after authentication and body parsing.
 */
export function idempotency(store: IdempotencyStore, log: Logger): RequestHandler {
  return async (req, res, next) => {
    const key = req.get(IDEMPOTENCY_HEADER);
    if (req.method !== 'POST' || key === undefined) return next();
    if (key.length < 1 || key.length > MAX_KEY_LENGTH) {
      throw new AppError('validation_failed', 'the request has invalid fields', {
        [IDEMPOTENCY_HEADER]: `must be 1 to ${MAX_KEY_LENGTH} characters`,
      });
    }
    const merchantId = currentMerchant(res).id;
    const hash = requestFingerprint(req.method, req.originalUrl, req.body);
    const claim = await store.claim(merchantId, key, hash);
    switch (claim.kind) {
      case 'started':
        keepAnswer(res, store, claim.lock, log);
        return next();
      case 'replay':
        res.status(claim.status).set(REPLAYED_HEADER, 'true').json(claim.body);
        return;
      case 'mismatch':
        throw new AppError('idempotency_mismatch', `this ${IDEMPOTENCY_HEADER} was used with another request`);
      case 'in_flight':
        throw new AppError('conflict', `a request with this ${IDEMPOTENCY_HEADER} is still in progress; retry later`);
    }
  };
}
