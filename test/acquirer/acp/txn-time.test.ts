import { expect } from 'chai';
import fc from 'fast-check';
import { AcpError } from '../../../src/acquirer/acp/acp-error';
import { formatTxnTime, parseTxnTime } from '../../../src/acquirer/acp/txn-time';

describe('txnTime (Beijing time)', () => {
  const originalTz = process.env.TZ;
  afterEach(() => {
    if (originalTz === undefined) delete process.env.TZ;
    else process.env.TZ = originalTz;
  });

  it('when it is 16:30:05 UTC on 31 Dec 2025, then txnTime is 00:30:05 on 1 Jan 2026 in Beijing', () => {
    expect(formatTxnTime(new Date('2025-12-31T16:30:05Z'))).to.equal('20260101003005');
  });

  // 07:15 UTC on 9 Mar 2025 is also the minute New York switches to daylight saving time.
  const zones: Array<[string, number]> = [
    ['UTC', 7],
    ['America/New_York', 3],
    ['Asia/Shanghai', 15],
    ['Pacific/Kiritimati', 21],
    ['Europe/London', 7],
  ];
  for (const [tz, localHour] of zones) {
    it(`when the machine runs in ${tz}, then the same instant gives the same txnTime`, () => {
      process.env.TZ = tz;
      const instant = new Date('2025-03-09T07:15:00Z');
      expect(instant.getHours(), 'the TZ change took effect').to.equal(localHour);
      expect(formatTxnTime(instant)).to.equal('20250309151500');
      expect(parseTxnTime('20250309151500').toISOString()).to.equal('2025-03-09T07:15:00.000Z');
    });
  }

  it('when any instant is formatted and parsed, then the same second comes back', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true }),
        (d) => {
          const txnTime = formatTxnTime(d);
          expect(txnTime).to.match(/^\d{14}$/);
          expect(parseTxnTime(txnTime).getTime()).to.equal(Math.floor(d.getTime() / 1000) * 1000);
        },
      ),
    );
  });

  it('when the text is not a real Beijing date and time, then parsing is refused', () => {
    for (const bad of ['2025030915150', '20250230120000', '20251301120000', '20250309246000', 'abcdefghijklmn']) {
      expect(() => parseTxnTime(bad), bad)
        .to.throw(AcpError, /txnTime/)
        .with.property('code', 'acp_field_invalid');
    }
  });
});
