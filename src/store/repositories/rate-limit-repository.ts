import type { Source } from '../source';

/** The `rate_limits` table (migration 016): request counts per key and fixed window, shared by the nodes. */
export interface RateLimitRepository {
  /** Counts one request of `key` in the window starting at `windowStart`; the window's count so far. */
  hit(key: string, windowStart: string): Promise<number>;
  /** Takes one back (a request that, it turned out, does not count). */
  unhit(key: string, windowStart: string): Promise<void>;
  reset(key: string): Promise<void>;
  /** Deletes the windows that started before `before`; how many. */
  purgeBefore(before: string): Promise<number>;
}

export function createRateLimitRepository(db: Source): RateLimitRepository {
  const limits = () => db.table('rate_limits');
  return {
    async hit(key, windowStart) {
      // One statement, so two nodes counting the same key at once each add theirs.
      const [row] = await limits()
        .insert({ key, window_start: windowStart, hits: 1 })
        .onConflict(['key', 'window_start'])
        .merge({ hits: db.knex.raw('rate_limits.hits + 1') })
        .returning<Array<{ hits: number }>>('hits');
      return Number(row.hits);
    },
    async unhit(key, windowStart) {
      await limits()
        .where({ key, window_start: windowStart })
        .where('hits', '>', 0)
        .update({ hits: db.knex.raw('hits - 1') });
    },
    async reset(key) {
      await limits().where({ key }).delete();
    },
    purgeBefore: (before) => limits().where('window_start', '<', before).delete(),
  };
}
