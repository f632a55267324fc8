/** What of an error goes into a log line. */
export interface ErrorSummary {
  /** The error's class ('TypeError', 'AriTimeoutError'), or the type of a thrown value that is no Error. */
  name: string;
  /** Its stable code, when it has one ('ari_timeout', 'ECONNREFUSED', 'SQLITE_BUSY'). */
  code?: string;
  /** Only with `withMessage`: the start of a plain Error's message. */
  message?: string;
}

const MESSAGE_CHARS = 120;

/**
 * What of an error may be logged: its name and code. Never the whole object or its stack, and by default
 * never its message, which carries whatever the thrower put in it (a request echoed back, a card number).
 * `withMessage` adds the start of the message of a plain Error without a code, the only clue such an
 * error has; it is for errors from sources that never see card data. ari-client's errors are such:
 * the body of Asterisk's answer, e.g. {"message":"Channel not found"}.
 */
export function errorSummary(err: unknown, opts: { withMessage?: boolean } = {}): ErrorSummary {
  const name = err instanceof Error ? err.name : typeof err;
  const code = codeOf(err);
  if (code !== undefined) return { name, code };
  if (opts.withMessage && err instanceof Error && err.name === 'Error') {
    return { name, message: err.message.slice(0, MESSAGE_CHARS) };
  }
  return { name };
}

function codeOf(err: unknown): string | undefined {
  if (!err || typeof err !== 'object' || !('code' in err)) return undefined;
  const { code } = err;
  return typeof code === 'string' || typeof code === 'number' ? String(code) : undefined;
}
