/** A rate_limits row (migration 016): one key's requests in one fixed window. */
export interface RateLimitRow {
  key: string;
  window_start: string;
  hits: number;
}
