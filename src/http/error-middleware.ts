import type { ErrorRequestHandler } from 'express';
import type { Logger } from 'pino';
import { AppError, type AppErrorCode } from '../domain/app-error';
import { isStoreUnavailable } from '../store/store-unavailable';

const STATUS_BY_CODE: Record<AppErrorCode, number> = {
  validation_failed: 400,
  unauthorized: 401,
  signature_invalid: 401,
  not_found: 404,
  conflict: 409,
  idempotency_mismatch: 422,
  rate_limited: 429,
  order_not_payable: 409,
  order_not_refundable: 409,
  refund_exceeds_remaining: 422,
  config_invalid: 500,
  unavailable: 503,
  store_unavailable: 503,
};

/**
 * Retry-After (seconds) of the answers that ask for a retry as they were. A PostgreSQL restart takes a second or two
 * (README, "Running on several machines"), and the pool reconnects on the next request (src/store/postgres-connection.ts).
 */
const RETRY_AFTER_BY_CODE: Partial<Record<AppErrorCode, number>> = {
  unavailable: 2,
  store_unavailable: 2,
};

/** The answer to a request the store could not serve: the cause stays in our log, its text may name the server. */
const STORE_UNAVAILABLE = new AppError('store_unavailable', 'the service cannot reach its database; retry after Retry-After');

export interface ErrorBody {
  error: { code: string; message: string; fields?: Record<string, string> };
}

/** Errors of express.json(); their own messages may quote the body, so fixed texts replace them. */
function bodyParserError(err: unknown): { status: number; message: string } | undefined {
  const type = (err as { type?: unknown })?.type;
  if (type === 'entity.parse.failed') return { status: 400, message: 'the body is not valid JSON' };
  if (type === 'entity.too.large') return { status: 413, message: 'the body is too large' };
  if (typeof type === 'string' && /^(encoding|charset|request)\./.test(type)) {
    return { status: 400, message: 'the body cannot be read' };
  }
  return undefined;
}

/**
 * Other client errors raised before our code runs: the router's URIError for a broken percent-encoding
 * (status 400), a body that does not decompress as its Content-Encoding says (zlib, status 400). Their own
 * messages quote the request (a raw path parameter), so fixed texts replace them too; without this they
 * were 500s logged at error level, which anyone could trigger (issue 17, defect 1).
 */
function clientError(err: unknown): { status: number; code: 'validation_failed' | 'not_found'; message: string } | undefined {
  const status =
    (err as { status?: unknown; statusCode?: unknown } | undefined)?.status ?? (err as { statusCode?: unknown })?.statusCode;
  if (typeof status !== 'number' || !Number.isInteger(status) || status < 400 || status > 499) return undefined;
  if (status === 404) return { status, code: 'not_found', message: 'no such endpoint' };
  if (err instanceof URIError)
    return { status: 400, code: 'validation_failed', message: 'the path is not valid percent-encoding' };
  return { status, code: 'validation_failed', message: status === 413 ? 'the body is too large' : 'the request cannot be read' };
}

export interface ErrorResponse {
  status: number;
  body: ErrorBody;
  /** Seconds, for the Retry-After header. */
  retryAfter?: number;
}

export function toErrorResponse(cause: unknown): ErrorResponse {
  const err = isStoreUnavailable(cause) ? STORE_UNAVAILABLE : cause;
  if (err instanceof AppError) {
    const body: ErrorBody = { error: { code: err.code, message: err.message } };
    if (err.fields) body.error.fields = err.fields;
    const retryAfter = RETRY_AFTER_BY_CODE[err.code];
    return { status: STATUS_BY_CODE[err.code], body, ...(retryAfter ? { retryAfter } : {}) };
  }
  const parse = bodyParserError(err);
  if (parse) return { status: parse.status, body: { error: { code: 'validation_failed', message: parse.message } } };
  const client = clientError(err);
  if (client) return { status: client.status, body: { error: { code: client.code, message: client.message } } };
  return { status: 500, body: { error: { code: 'internal', message: 'internal error' } } };
}

/** The one place errors become HTTP answers: `{"error": {"code", "message", "fields"?}}`. */
export function errorMiddleware(log: Logger): ErrorRequestHandler {
  return (err, req, res, next) => {
    if (res.headersSent) return next(err);
    const { status, body, retryAfter } = toErrorResponse(err);
    if (body.error.code === 'internal') log.error({ err, method: req.method }, 'request failed');
    else if (body.error.code === 'store_unavailable') log.warn({ err, method: req.method }, 'request failed: store unavailable');
    if (status === 401) res.set('WWW-Authenticate', 'Bearer');
    if (retryAfter !== undefined) res.set('Retry-After', String(retryAfter));
    res.status(status).json(body);
  };
}
