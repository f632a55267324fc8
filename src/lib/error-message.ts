/**
 * The message of whatever was thrown, for a person reading why a command or a start failed. Not for a
 * log line: a message carries whatever the thrower put in it, so logs take errorSummary (src/log).
 */
export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
