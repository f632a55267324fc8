import { expect } from 'chai';
import fc from 'fast-check';
import { MAX_RETRY_CEILING_MS, MIN_RETRY_DELAY_MS, nextAttemptAt, retryCeilingMs } from '../../src/notify/backoff';
import { RETRY_WINDOW_MS } from '../../src/notify/retry-window';

const now = new Date('2026-03-01T08:00:00.000Z');
const attempt = fc.integer({ min: 1, max: 1000 });
const draw = fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true });

describe('notify/backoff', () => {
  it('when the ceilings are listed, then they double from 1 minute and stop at 1 hour', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 50].map((n) => retryCeilingMs(n) / 60_000)).to.deep.equal([1, 2, 4, 8, 16, 32, 60, 60, 60]);
  });

  it('when any attempt and draw are given, then the next try is later than now and within the ceiling', () => {
    fc.assert(
      fc.property(attempt, draw, (n, r) => {
        const delay = nextAttemptAt(n, now, () => r).getTime() - now.getTime();
        return delay >= MIN_RETRY_DELAY_MS && delay <= retryCeilingMs(n) && delay <= MAX_RETRY_CEILING_MS;
      }),
    );
  });

  it('when the draw grows, then the wait never shrinks (full jitter is the draw times the ceiling)', () => {
    fc.assert(
      fc.property(attempt, draw, draw, (n, a, b) => {
        const [low, high] = a <= b ? [a, b] : [b, a];
        return nextAttemptAt(n, now, () => low) <= nextAttemptAt(n, now, () => high);
      }),
    );
    expect(nextAttemptAt(3, now, () => 0.5).getTime() - now.getTime()).to.equal(120_000);
  });

  it('when later attempts are compared, then their ceiling is never lower', () => {
    fc.assert(fc.property(attempt, (n) => retryCeilingMs(n + 1) >= retryCeilingMs(n)));
  });

  it('when the random source misbehaves, then the wait still stays within bounds', () => {
    for (const bad of [NaN, -1, 1, 5, Infinity]) {
      const delay = nextAttemptAt(2, now, () => bad).getTime() - now.getTime();
      expect(delay, String(bad)).to.be.within(MIN_RETRY_DELAY_MS, retryCeilingMs(2));
    }
  });

  it('when every wait is the longest possible, then retries still cover more than 24 hours before the window ends', () => {
    // The longest waits give the fewest tries; with the 26 h window the last one still comes after 24 h.
    let at = 0;
    let tries = 1;
    while (at + retryCeilingMs(tries) <= RETRY_WINDOW_MS) {
      at += retryCeilingMs(tries);
      tries += 1;
    }
    expect(at).to.be.greaterThan(24 * 3600 * 1000);
    expect(tries).to.be.greaterThan(25);
  });
});
