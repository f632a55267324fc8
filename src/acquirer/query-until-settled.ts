import { setTimeout as delay } from 'node:timers/promises';
import { QUERY_DELAYS_S } from './query-schedule';
import type { AcquirerPort, AttemptRef, QueryResult } from './acquirer-port';

/** UnionPay's schedule for back-end transactions: wait 1, 2, 4, 8, 16, 32 s before each query. */
export const OFFICIAL_QUERY_DELAYS_MS: readonly number[] = QUERY_DELAYS_S.map((s) => s * 1000);

export interface QueryScheduleOptions {
  /** Wait before each query; tests inject short ones. */
  delaysMs?: readonly number[];
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Stops waiting (shutdown); the attempt is then still pending, for the recovery job. */
  signal?: AbortSignal;
}

/**
 * Queries a pending attempt on the schedule until the answer is final (approved, declined) or
 * not_found, at most once per delay. Still pending after the last: the reconciliation file decides;
 * never send the consume again.
 */
export function queryUntilSettled(
  acquirer: Pick<AcquirerPort, 'query'>,
  ref: AttemptRef,
  opts: QueryScheduleOptions = {},
): Promise<QueryResult> {
  return queryOnSchedule(() => acquirer.query(ref), opts);
}

/**
 * The schedule for any transaction (a consume, a cancel, a refund): `query` once per delay until its answer is
 * not `pending`. Pending after the last, or when stopped: the caller leaves the transaction to reconciliation.
 */
export async function queryOnSchedule<R extends { outcome: string }>(
  query: () => Promise<R>,
  opts: QueryScheduleOptions = {},
): Promise<R | { outcome: 'pending' }> {
  const sleep = opts.sleep ?? ((ms: number, signal?: AbortSignal) => delay(ms, undefined, { signal }));
  for (const ms of opts.delaysMs ?? OFFICIAL_QUERY_DELAYS_MS) {
    try {
      await sleep(ms, opts.signal);
    } catch {
      return { outcome: 'pending' };
    }
    if (opts.signal?.aborted) return { outcome: 'pending' };
    let result: R | { outcome: 'pending' };
    try {
      result = await query();
    } catch {
      // An adapter should not throw, but an error says nothing about the transaction.
      result = { outcome: 'pending' };
    }
    if (result.outcome !== 'pending') return result;
  }
  return { outcome: 'pending' };
}
