import { expect } from 'chai';
import fc from 'fast-check';
import { checkExpiry, expiryToYymm } from '../../src/domain/expiry';

describe('checkExpiry', () => {
  const midJune2025 = new Date('2025-06-15T12:00:00Z');

  const cases: Array<[string, string]> = [
    ['1230', 'ok'],
    ['0625', 'ok'],
    ['0525', 'past'],
    ['1224', 'past'],
    ['0126', 'ok'],
    ['1325', 'format'],
    ['0025', 'format'],
    ['625', 'format'],
    ['06/25', 'format'],
    ['06255', 'format'],
    ['', 'format'],
    ['ab25', 'format'],
    // Anchored at both ends: a valid MMYY inside longer input is no expiry.
    ['01228', 'format'],
    ['1228x', 'format'],
    ['x1228', 'format'],
    ['12280', 'format'],
  ];
  for (const [mmyy, expected] of cases) {
    it(`when ${mmyy || '(empty)'} is keyed in June 2025, then it is ${expected}`, () => {
      expect(checkExpiry(mmyy, midJune2025)).to.equal(expected);
    });
  }

  it('when it is still the last evening of the expiry month in Shanghai, then the card is valid', () => {
    const june30At2359Shanghai = new Date('2025-06-30T15:59:00Z');
    expect(checkExpiry('0625', june30At2359Shanghai)).to.equal('ok');
  });

  it('when it is already the next month in Shanghai but not yet in UTC, then the card is past', () => {
    const july1At0030Shanghai = new Date('2025-06-30T16:30:00Z');
    expect(checkExpiry('0625', july1At0030Shanghai)).to.equal('past');
  });

  it('when the expiry month is this month or later, then ok; when earlier, then past', () => {
    const now = fc.date({ min: new Date('2000-02-01T00:00:00Z'), max: new Date('2098-11-30T00:00:00Z'), noInvalidDate: true });
    fc.assert(
      fc.property(now, fc.integer({ min: -30, max: 30 }), (date, monthOffset) => {
        const shanghai = new Date(date.getTime() + 8 * 3600 * 1000);
        const monthIndex = shanghai.getUTCFullYear() * 12 + shanghai.getUTCMonth() + monthOffset;
        const year = Math.floor(monthIndex / 12);
        if (year < 2000 || year > 2099) return;
        const mmyy = String((monthIndex % 12) + 1).padStart(2, '0') + String(year % 100).padStart(2, '0');
        expect(checkExpiry(mmyy, date)).to.equal(monthOffset >= 0 ? 'ok' : 'past');
      }),
    );
  });
});

describe('expiryToYymm', () => {
  it('when given MMYY, then it answers YYMM for the acquirer', () => {
    expect(expiryToYymm('1230')).to.equal('3012');
    expect(expiryToYymm('0127')).to.equal('2701');
  });

  it('when given something that is not MMYY, then it throws', () => {
    expect(() => expiryToYymm('123')).to.throw(RangeError);
    expect(() => expiryToYymm('1330')).to.throw(RangeError);
  });

  for (const keyed of ['01228', '1228x', 'x1228', '12280']) {
    it(`when given ${keyed}, an MMYY with something before or after it, then it throws`, () => {
      expect(() => expiryToYymm(keyed)).to.throw(RangeError);
    });
  }
});
