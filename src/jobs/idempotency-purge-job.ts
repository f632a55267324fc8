import type { Job } from './scheduler';
import type { IdempotencyStore } from '../services/idempotency-store';

/** Hourly, Idempotency-Key records older than 24 h are deleted (a reused key then starts a new request). */
export function idempotencyPurgeJob(store: Pick<IdempotencyStore, 'purgeExpired'>): Job {
  return {
    name: 'purge-idempotency-keys',
    schedule: '17 * * * *',
    run: async () => {
      await store.purgeExpired();
    },
  };
}
