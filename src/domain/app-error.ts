/**
 * Every expected failure carries a stable `code`; src/http/error-middleware.ts maps codes to HTTP
 * statuses in one place. Messages and `fields` are shown to merchants: never put card data in them.
 */
export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode,
    message: string,
    readonly fields?: Record<string, string>,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export type AppErrorCode =
  | 'validation_failed'
  | 'unauthorized'
  | 'signature_invalid'
  | 'rate_limited'
  | 'not_found'
  | 'conflict'
  | 'idempotency_mismatch'
  | 'order_not_payable'
  | 'order_not_refundable'
  | 'refund_exceeds_remaining'
  | 'config_invalid'
  | 'unavailable'
  /** The store is not reachable (PostgreSQL restarting): nothing was done, retry after Retry-After. */
  | 'store_unavailable';
