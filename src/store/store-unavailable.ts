/**
 * Whether `err` says the store could not be reached, rather than that a statement was wrong: PostgreSQL restarting
 * or failing over (issue 12, "PostgreSQL restarted"). Such a failure changed nothing (a statement the server never
 * ran, or a transaction it rolled back), so the request may be retried as it was: the HTTP layer answers it with
 * 503 and Retry-After (src/http/error-middleware.ts). Any other error is not the store's absence.
 */
export function isStoreUnavailable(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  // knex's "Timeout acquiring a connection": every connection busy, or none can be made.
  if (err.name === 'KnexTimeoutError') return true;
  const { code } = err as { code?: unknown };
  if (typeof code === 'string' && (SOCKET_CODES.has(code) || isServerUnavailableState(code))) return true;
  // pg's own errors when the socket closed under a query or a client, which carry no code.
  if (CLOSED_CONNECTION_MESSAGES.some((text) => err.message.endsWith(text))) return true;
  // Node's connect() to a name with several addresses fails with all of their errors.
  const { errors } = err as { errors?: unknown };
  return Array.isArray(errors) && errors.length > 0 && errors.every(isStoreUnavailable);
}

/** The socket's errors: refused (the server is down), reset or broken (it went down), unreachable, timed out. */
const SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EHOSTDOWN',
  'EAI_AGAIN',
]);

/**
 * PostgreSQL's SQLSTATEs (Appendix A of its manual) for a server that is not there to answer: class 08, connection
 * exception; 57P01 admin_shutdown (a fast stop terminates the sessions), 57P02 crash_shutdown, 57P03
 * cannot_connect_now (starting up or shutting down); 53300 too_many_connections (while the restarted server's slots
 * fill up).
 */
function isServerUnavailableState(code: string): boolean {
  return /^08[0-9A-Z]{3}$/.test(code) || code === '57P01' || code === '57P02' || code === '57P03' || code === '53300';
}

/** knex prefixes the SQL to a failed query's message, so only how it ends is compared. */
const CLOSED_CONNECTION_MESSAGES = [
  'Connection terminated unexpectedly',
  'Connection terminated',
  'Connection terminated due to connection timeout',
  'Client has encountered a connection error and is not queryable',
  'Client was closed and is not queryable',
  'timeout expired',
];
