/**
 * A clock for a whole running service (`startService(…, { now })`): it runs with real time, so calls
 * have real durations and pacing works, and jumps forward when told, so a redial due in 10 minutes is
 * due at once. It never goes back.
 */
export interface TestClock {
  now: () => Date;
  /** Moves the clock forward by `ms`. */
  advance(ms: number): void;
  /** Moves the clock forward to `at` (no change when it is already past it). */
  advanceTo(at: Date): void;
}

export function createTestClock(start: Date, realNow: () => number = Date.now): TestClock {
  const realStart = realNow();
  let offset = start.getTime() - realStart;
  const now = () => new Date(realNow() + offset);
  return {
    now,
    advance(ms) {
      if (ms < 0) throw new RangeError('the test clock only moves forward');
      offset += ms;
    },
    advanceTo(at) {
      offset += Math.max(0, at.getTime() - now().getTime());
    },
  };
}

const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

/**
 * The next time it is `hour`:00 in Shanghai after `after`: a start inside the default calling hours
 * (08:00–21:00) that is never before the machine's clock, so certificates made today are already valid.
 */
export function nextShanghaiHour(hour: number, after: Date = new Date()): Date {
  const local = new Date(after.getTime() + SHANGHAI_OFFSET_MS);
  const candidate = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate(), hour) - SHANGHAI_OFFSET_MS;
  return new Date(candidate > after.getTime() ? candidate : candidate + 86_400_000);
}
