import { expect } from 'chai';
import fc from 'fast-check';
import { callingHours, DEFAULT_CALLING_HOURS, isWithin } from '../../src/callback/calling-hours';
import type { DialOutcome } from '../../src/callback/hangup-cause';
import { DEFAULT_RETRY_POLICY, nextAttempt, retryPolicy } from '../../src/callback/retry-policy';
import { AppError } from '../../src/domain/app-error';

const hours = DEFAULT_CALLING_HOURS;
/** 10:00 in Shanghai. */
const morning = new Date('2025-03-10T02:00:00Z');
const MINUTE = 60_000;

describe('nextAttempt', () => {
  it('when a busy callback is redialled by the default policy, then it runs at +2, +10, +30 minutes and then ends unreachable', () => {
    let now = morning;
    const times: string[] = [];
    for (let attemptsMade = 1; attemptsMade <= 3; attemptsMade++) {
      const next = nextAttempt(DEFAULT_RETRY_POLICY, attemptsMade, 'busy', now, hours);
      if (!('at' in next)) throw new Error(`attempt ${attemptsMade} should be retried`);
      times.push(next.at.toISOString());
      now = new Date(next.at.getTime() + MINUTE); // the attempt lasts a minute
    }
    expect(times).to.deep.equal(['2025-03-10T02:02:00.000Z', '2025-03-10T02:13:00.000Z', '2025-03-10T02:44:00.000Z']);
    expect(nextAttempt(DEFAULT_RETRY_POLICY, 4, 'busy', now, hours)).to.deep.equal({ final: 'unreachable' });
  });

  const retried: DialOutcome[] = ['busy', 'no_answer', 'congestion', 'answered_unpaid', 'failed'];
  for (const outcome of retried) {
    it(`when the first attempt ends ${outcome}, then it is redialled at +2 minutes`, () => {
      expect(nextAttempt(DEFAULT_RETRY_POLICY, 1, outcome, morning, hours)).to.deep.equal({
        at: new Date('2025-03-10T02:02:00Z'),
      });
    });
  }

  it('when the number is invalid, then it ends invalid_number at once', () => {
    expect(nextAttempt(DEFAULT_RETRY_POLICY, 1, 'invalid_number', morning, hours)).to.deep.equal({ final: 'invalid_number' });
  });

  it('when the call is rejected, then it ends unreachable at once', () => {
    expect(nextAttempt(DEFAULT_RETRY_POLICY, 1, 'rejected', morning, hours)).to.deep.equal({ final: 'unreachable' });
  });

  it('when +2 minutes lands on 21:00, then the redial moves to 08:00 the next day', () => {
    const at2058 = new Date('2025-03-10T12:58:00Z');
    expect(nextAttempt(DEFAULT_RETRY_POLICY, 1, 'busy', at2058, hours)).to.deep.equal({ at: new Date('2025-03-11T00:00:00Z') });
  });

  it('when +2 minutes lands on 20:59, then the redial stays that evening', () => {
    const at2057 = new Date('2025-03-10T12:57:00Z');
    expect(nextAttempt(DEFAULT_RETRY_POLICY, 1, 'busy', at2057, hours)).to.deep.equal({ at: new Date('2025-03-10T12:59:00Z') });
  });

  it('when +30 minutes lands at 07:40 (an early first call), then the redial waits for 08:00', () => {
    const at0710 = new Date('2025-03-09T23:10:00Z');
    expect(nextAttempt(DEFAULT_RETRY_POLICY, 3, 'no_answer', at0710, hours)).to.deep.equal({
      at: new Date('2025-03-10T00:00:00Z'),
    });
  });

  it('when a merchant policy has one delay, then the second failure ends unreachable', () => {
    const policy = retryPolicy([5]);
    expect(nextAttempt(policy, 1, 'busy', morning, hours)).to.deep.equal({ at: new Date('2025-03-10T02:05:00Z') });
    expect(nextAttempt(policy, 2, 'busy', morning, hours)).to.deep.equal({ final: 'unreachable' });
  });

  it('when a merchant policy has no delays, then the first failure ends unreachable', () => {
    expect(nextAttempt(retryPolicy([]), 1, 'busy', morning, hours)).to.deep.equal({ final: 'unreachable' });
  });

  it('when attemptsMade is not a whole number of at least 1, then it throws', () => {
    for (const n of [0, -1, 1.5]) {
      expect(() => nextAttempt(DEFAULT_RETRY_POLICY, n, 'busy', morning, hours)).to.throw(RangeError);
    }
  });

  it('when any retried outcome falls anywhere in time, then the redial is after now + delay and within calling hours', () => {
    const zones = fc.constantFrom('Asia/Shanghai', 'Asia/Urumqi', 'America/New_York', 'Europe/London');
    const windows = fc.tuple(fc.integer({ min: 0, max: 22 * 60 }), fc.integer({ min: 1, max: 12 * 60 }));
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2040-01-01T00:00:00Z'), noInvalidDate: true }),
        fc.integer({ min: 1, max: 3 }),
        fc.constantFrom<DialOutcome>(...retried),
        zones,
        windows,
        (now, attemptsMade, outcome, timeZone, [startMin, length]) => {
          const endMin = Math.min(startMin + length, 23 * 60 + 59);
          const h = callingHours({ timeZone, start: hhmm(startMin), end: hhmm(endMin) });
          const next = nextAttempt(DEFAULT_RETRY_POLICY, attemptsMade, outcome, now, h);
          if (!('at' in next)) throw new Error('expected a redial');
          const earliest = now.getTime() + DEFAULT_RETRY_POLICY.delaysMinutes[attemptsMade - 1] * MINUTE;
          expect(next.at.getTime()).to.be.at.least(earliest);
          expect(isWithin(next.at, h)).to.equal(true);
        },
      ),
    );
  });
});

describe('retryPolicy', () => {
  it('when delays are whole minutes, then they are kept in order', () => {
    expect(retryPolicy([1, 60, 1440]).delaysMinutes).to.deep.equal([1, 60, 1440]);
  });

  const bad: Array<[string, number[]]> = [
    ['a zero delay', [0]],
    ['a negative delay', [-2]],
    ['a fractional delay', [1.5]],
    ['a delay over a week', [7 * 24 * 60 + 1]],
    ['eleven delays', Array.from({ length: 11 }, () => 2)],
  ];
  for (const [what, delays] of bad) {
    it(`when given ${what}, then it is refused with validation_failed`, () => {
      expect(() => retryPolicy(delays))
        .to.throw(AppError)
        .with.property('code', 'validation_failed');
    });
  }
});

function hhmm(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}
