import type { Repositories } from '../store/store';

/**
 * Moves rows whose dialer stopped (lease passed while `dialing`) back to `scheduled`, due at once, and ends their
 * open attempts as `interrupted`. A live dialer renews its leases, so only a dead one's rows come back.
 */
export async function releaseExpiredLeases(
  store: Pick<Repositories, 'callbacks' | 'callbackAttempts'>,
  now: Date,
): Promise<string[]> {
  const nowIso = now.toISOString();
  const ids = await store.callbacks.releaseExpiredLeases(nowIso);
  if (ids.length > 0) await store.callbackAttempts.interruptOpen(ids, nowIso);
  return ids;
}
