import { within } from '../lib/within';

/** An ARI request that got no answer in time: Asterisk is down or unreachable. */
export class AriTimeoutError extends Error {
  readonly code = 'ari_timeout';
  constructor(what: string, ms: number) {
    super(`ARI request ${what} got no answer within ${ms} ms`);
    this.name = 'AriTimeoutError';
  }
}

/**
 * ari-client's promises never settle while Asterisk is down (node-ari-client#78), so every request
 * goes through this. The request itself cannot be cancelled; its late answer is ignored.
 */
export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return within(promise, { ms }, () => new AriTimeoutError(what, ms));
}
