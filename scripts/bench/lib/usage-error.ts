/** A mistake in how a benchmark was asked for (a bad option, an unknown ref): its message says it all. */
export class UsageError extends Error {}

/** What a benchmark prints when it stops on an error: the message alone for a UsageError, else the stack. */
export function describeFailure(err: unknown): string {
  if (err instanceof UsageError) return err.message;
  return err instanceof Error ? (err.stack ?? err.message) : String(err);
}
