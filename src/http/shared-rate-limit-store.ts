import type { IncrementResponse, Options, Store } from 'express-rate-limit';
import { AppError } from '../domain/app-error';
import type { RateLimitRepository } from '../store/repositories/rate-limit-repository';
import { isStoreUnavailable } from '../store/store-unavailable';

/** What the limits count with: the store's `rate_limits` table. */
export type RateCounter = Pick<RateLimitRepository, 'hit' | 'unhit' | 'reset'>;

/** The store's absence is passed on as such: 503 store_unavailable with Retry-After (src/http/error-middleware.ts). */
function unavailable(err: unknown): never {
  if (isStoreUnavailable(err)) throw err;
  throw new AppError('unavailable', `rate limits cannot be counted (${err instanceof Error ? err.message : String(err)}); retry`);
}

/**
 * express-rate-limit's store over the database, so every node on one PostgreSQL store counts the same requests
 * (README, "Several app nodes"): fixed windows of the limiter's `windowMs`, one upsert a request. Each limiter has its
 * own store and key prefix. A store that cannot count answers 503, never an uncounted request.
 */
export class SharedRateLimitStore implements Store {
  readonly localKeys = false;
  #windowMs = 60_000;

  constructor(
    private readonly counter: RateCounter,
    readonly prefix: string,
    private readonly now: () => number = Date.now,
  ) {}

  init(options: Options): void {
    this.#windowMs = options.windowMs;
  }

  #window(): { start: string; resetTime: Date } {
    const now = this.now();
    const start = now - (now % this.#windowMs);
    return { start: new Date(start).toISOString(), resetTime: new Date(start + this.#windowMs) };
  }

  async increment(key: string): Promise<IncrementResponse> {
    const { start, resetTime } = this.#window();
    const totalHits = await this.counter.hit(this.prefix + key, start).catch(unavailable);
    return { totalHits, resetTime };
  }

  /**
   * Called after the answer (a request that turned out not to count): with the store gone, the count stays one high
   * for the window, on the safe side, rather than express-rate-limit writing the error to the console.
   */
  async decrement(key: string): Promise<void> {
    await this.counter.unhit(this.prefix + key, this.#window().start).catch((err: unknown) => {
      if (!isStoreUnavailable(err)) unavailable(err);
    });
  }

  async resetKey(key: string): Promise<void> {
    await this.counter.reset(this.prefix + key).catch(unavailable);
  }
}
