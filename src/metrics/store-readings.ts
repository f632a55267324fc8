import { AppError } from '../domain/app-error';
import type { AttemptState } from '../domain/payment-attempt-state';
import { within } from '../lib/within';
import type { Repositories } from '../store/store';

/**
 * Attempts still open. Final states (approved, declined, …) are left out: counting them would scan every payment
 * ever made at each scrape, and the acquirer's request counters already tell their rate.
 */
export const OPEN_ATTEMPT_STATES = ['prepared', 'sending', 'unknown', 'unknown_manual'] as const satisfies AttemptState[];

/** The repositories the counts read. */
export type CountedStore = Pick<Repositories, 'paymentAttempts' | 'notifications' | 'callbacks' | 'sms'>;

/** The store's counts the gauges show; each one statement over an index, read at scrape time. */
export interface StoreReadings {
  openAttempts(): Promise<Record<(typeof OPEN_ATTEMPT_STATES)[number], number>>;
  webhooks(): Promise<Record<'pending' | 'failed', number>>;
  callbacks(): Promise<{ due: number; dialing: number }>;
  sms(): Promise<Record<'queued' | 'failed', number>>;
}

/**
 * Reads over the store, each given up after `timeoutMs`: a scrape must answer even while the store is slow or
 * locked (the query itself runs on; its late answer is dropped).
 */
export function storeReadings(store: CountedStore, now: () => Date, timeoutMs: number): StoreReadings {
  const bounded = <T>(what: string, read: Promise<T>) =>
    within(read, { ms: timeoutMs }, () => new AppError('unavailable', `reading ${what} took over ${timeoutMs} ms`));
  return {
    openAttempts: () => bounded('payment attempts', store.paymentAttempts.countInStates(OPEN_ATTEMPT_STATES)),
    webhooks: () => bounded('notifications', store.notifications.countInStatuses(['pending', 'failed'] as const)),
    callbacks: () => bounded('callbacks', store.callbacks.countOpen(now().toISOString())),
    sms: () => bounded('sms', store.sms.countInStatuses(['queued', 'failed'] as const)),
  };
}
