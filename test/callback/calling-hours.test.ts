import { expect } from 'chai';
import fc from 'fast-check';
import { callingHours, DEFAULT_CALLING_HOURS, earliestWithin, isWithin, nextWindowStart } from '../../src/callback/calling-hours';
import { AppError } from '../../src/domain/app-error';

const hours = DEFAULT_CALLING_HOURS;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Test oracle: Shanghai has been UTC+8 with no daylight saving since 1991. */
const shanghaiMsOfDay = (t: Date) => (((t.getTime() + 8 * HOUR) % DAY) + DAY) % DAY;
const instants = fc.date({ min: new Date('1992-01-01T00:00:00Z'), max: new Date('2040-01-01T00:00:00Z'), noInvalidDate: true });

describe('isWithin (08:00–21:00 Asia/Shanghai)', () => {
  const cases: Array<[string, string, boolean]> = [
    ['07:59', '2025-03-09T23:59:00Z', false],
    ['07:59:59.999', '2025-03-09T23:59:59.999Z', false],
    ['08:00', '2025-03-10T00:00:00Z', true],
    ['12:00', '2025-03-10T04:00:00Z', true],
    ['20:59', '2025-03-10T12:59:00Z', true],
    ['20:59:59.999', '2025-03-10T12:59:59.999Z', true],
    ['21:00', '2025-03-10T13:00:00Z', false],
    ['00:30', '2025-03-09T16:30:00Z', false],
  ];
  for (const [local, utc, within] of cases) {
    it(`when it is ${local} in Shanghai, then it is ${within ? 'within' : 'outside'} calling hours`, () => {
      expect(isWithin(new Date(utc), hours)).to.equal(within);
    });
  }

  it('when any instant is checked, then it agrees with the fixed UTC+8 oracle', () => {
    fc.assert(
      fc.property(instants, (t) => {
        const ms = shanghaiMsOfDay(t);
        expect(isWithin(t, hours)).to.equal(ms >= 8 * HOUR && ms < 21 * HOUR);
      }),
    );
  });
});

describe('nextWindowStart (08:00–21:00 Asia/Shanghai)', () => {
  const cases: Array<[string, string, string]> = [
    ["07:59, before today's window", '2025-03-09T23:59:00Z', '2025-03-10T00:00:00.000Z'],
    ['08:00, at the opening', '2025-03-10T00:00:00Z', '2025-03-11T00:00:00.000Z'],
    ['20:59, inside the window', '2025-03-10T12:59:00Z', '2025-03-11T00:00:00.000Z'],
    ['21:00, at the closing', '2025-03-10T13:00:00Z', '2025-03-11T00:00:00.000Z'],
    ['00:30, after midnight', '2025-03-09T16:30:00Z', '2025-03-10T00:00:00.000Z'],
    ["22:00 on New Year's Eve", '2024-12-31T14:00:00Z', '2025-01-01T00:00:00.000Z'],
    ['22:00 on 28 February', '2025-02-28T14:00:00Z', '2025-03-01T00:00:00.000Z'],
    ['22:00 on 28 February of a leap year', '2024-02-28T14:00:00Z', '2024-02-29T00:00:00.000Z'],
  ];
  for (const [what, utc, expected] of cases) {
    it(`when it is ${what}, then the next window opens at ${expected}`, () => {
      expect(nextWindowStart(new Date(utc), hours).toISOString()).to.equal(expected);
    });
  }

  it('when any instant is given, then the next start is after it, within a day, and at 08:00 Shanghai', () => {
    fc.assert(
      fc.property(instants, (t) => {
        const next = nextWindowStart(t, hours);
        expect(next.getTime())
          .to.be.greaterThan(t.getTime())
          .and.at.most(t.getTime() + DAY);
        expect(shanghaiMsOfDay(next)).to.equal(8 * HOUR);
      }),
    );
  });
});

describe('calling hours in a zone with daylight saving', () => {
  const ny = callingHours({ timeZone: 'America/New_York' });

  it('when clocks spring forward overnight, then 08:00 is taken in the new offset (EDT)', () => {
    expect(nextWindowStart(new Date('2024-03-10T06:00:00Z'), ny).toISOString()).to.equal('2024-03-10T12:00:00.000Z');
    expect(isWithin(new Date('2024-03-10T11:59:00Z'), ny)).to.equal(false);
    expect(isWithin(new Date('2024-03-10T12:00:00Z'), ny)).to.equal(true);
  });

  it('when an eastern zone falls back just after the opening, then the opening keeps the earlier offset', () => {
    const berlin = callingHours({ timeZone: 'Europe/Berlin', start: '01:30', end: '06:00' });
    expect(nextWindowStart(new Date('2024-10-26T22:00:00Z'), berlin).toISOString()).to.equal('2024-10-26T23:30:00.000Z');
  });

  it("when a jump skips the whole window that day, then the next day's window is taken", () => {
    const london = callingHours({ timeZone: 'Europe/London', start: '01:00', end: '01:30' });
    expect(nextWindowStart(new Date('2024-03-30T23:00:00Z'), london).toISOString()).to.equal('2024-04-01T00:00:00.000Z');
  });

  it('when hours were built without validation and never open, then it throws instead of looping', () => {
    const never = { timeZone: 'Asia/Shanghai', start: '21:00', end: '08:00' };
    expect(() => nextWindowStart(new Date('2025-03-10T02:00:00Z'), never)).to.throw(AppError);
  });

  it('when clocks fall back overnight, then 08:00 is taken in the new offset (EST)', () => {
    expect(nextWindowStart(new Date('2024-11-03T05:30:00Z'), ny).toISOString()).to.equal('2024-11-03T13:00:00.000Z');
  });
});

describe('earliestWithin', () => {
  it('when the time is within calling hours, then it is kept; else it moves to the next opening', () => {
    expect(earliestWithin(new Date('2025-03-10T04:00:00Z'), hours).toISOString()).to.equal('2025-03-10T04:00:00.000Z');
    expect(earliestWithin(new Date('2025-03-10T13:00:00Z'), hours).toISOString()).to.equal('2025-03-11T00:00:00.000Z');
  });

  it('when any time is given, then the result is not before it and is within calling hours', () => {
    fc.assert(
      fc.property(instants, (t) => {
        const at = earliestWithin(t, hours);
        expect(at.getTime()).to.be.at.least(t.getTime());
        expect(isWithin(at, hours)).to.equal(true);
      }),
    );
  });
});

describe('callingHours', () => {
  it('when nothing is given, then the default is 08:00–21:00 Asia/Shanghai', () => {
    expect(callingHours()).to.deep.equal({ timeZone: 'Asia/Shanghai', start: '08:00', end: '21:00' });
  });

  it('when a custom window is given, then it is used', () => {
    const h = callingHours({ start: '09:30', end: '18:00' });
    expect(isWithin(new Date('2025-03-10T01:29:00Z'), h)).to.equal(false);
    expect(isWithin(new Date('2025-03-10T01:30:00Z'), h)).to.equal(true);
    expect(isWithin(new Date('2025-03-10T10:00:00Z'), h)).to.equal(false);
  });

  const bad: Array<[string, Parameters<typeof callingHours>[0]]> = [
    ['a window across midnight', { start: '21:00', end: '08:00' }],
    ['an empty window', { start: '08:00', end: '08:00' }],
    ['a time without a leading zero', { start: '8:00' }],
    ['24:00', { end: '24:00' }],
    ['minute 60', { start: '08:60' }],
    ['an unknown time zone', { timeZone: 'Mars/Olympus' }],
  ];
  for (const [what, spec] of bad) {
    it(`when given ${what}, then it is refused with validation_failed`, () => {
      expect(() => callingHours(spec))
        .to.throw(AppError)
        .with.property('code', 'validation_failed');
    });
  }
});
