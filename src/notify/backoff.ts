export const FIRST_RETRY_CEILING_MS = 60_000;
export const MAX_RETRY_CEILING_MS = 3_600_000;
/** Even a jitter draw of zero waits this long, so a failing endpoint is never hammered in a loop. */
export const MIN_RETRY_DELAY_MS = 1_000;

/** The longest wait after the `attempt`-th failed try (1-based): 1 min, 2, 4, 8 … capped at 1 h. */
export function retryCeilingMs(attempt: number): number {
  const doublings = Math.min(Math.max(Math.floor(attempt), 1) - 1, 30);
  return Math.min(MAX_RETRY_CEILING_MS, FIRST_RETRY_CEILING_MS * 2 ** doublings);
}

/**
 * When to try again after the `attempt`-th failure: exponential backoff with full jitter (a uniform wait up to
 * the ceiling), so endpoints that fail together are not retried together. `random` returns [0, 1).
 */
export function nextAttemptAt(attempt: number, now: Date, random: () => number): Date {
  const ceiling = retryCeilingMs(attempt);
  const drawn = Math.floor(Math.min(Math.max(random(), 0), 1) * ceiling);
  const delay = Math.min(ceiling, Math.max(MIN_RETRY_DELAY_MS, Number.isFinite(drawn) ? drawn : ceiling));
  return new Date(now.getTime() + delay);
}
