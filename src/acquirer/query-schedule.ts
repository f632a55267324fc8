/**
 * UnionPay's schedule for resolving a back-end (后台) transaction left at 03/04/05 or unanswered: at
 * most six queries, waiting 1, 2, 4, 8, 16 and 32 s before each (about a minute in all). Stop at
 * the first final answer; after the sixth the reconciliation file decides.
 */
export const QUERY_DELAYS_S: readonly number[] = [1, 2, 4, 8, 16, 32];

/** How long to wait before query number `attempt` (0 = the first); undefined when the schedule is spent. */
export function nextQueryDelayMs(attempt: number): number | undefined {
  if (!Number.isInteger(attempt) || attempt < 0) return undefined;
  const seconds = QUERY_DELAYS_S[attempt];
  return seconds === undefined ? undefined : seconds * 1000;
}
