import { expect } from 'chai';
import { annualPeriodsDue, billableMinutes, transactionFee } from '../../src/fees/fee-rules';

describe('fees/fee-rules', () => {
  const rule = { rateBps: 38, minFee: 10, maxFee: 2000 };

  it('when a fee is half a fen, then it rounds up; below half, down', () => {
    // 0.38% of 12 500 fen is 47.5 fen → 48; of 12 400 is 47.12 → 47.
    expect(transactionFee(12_500, rule)).to.equal(48);
    expect(transactionFee(12_400, rule)).to.equal(47);
  });

  it('when the rounded fee is outside [min, max], then it is clamped after rounding', () => {
    expect(transactionFee(100, rule)).to.equal(10);
    expect(transactionFee(10_000_000, rule)).to.equal(2000);
    expect(transactionFee(0, { rateBps: 0, minFee: 0, maxFee: 0 })).to.equal(0);
  });

  it('when a leg never answered, then it bills no minute; a started minute counts whole', () => {
    expect(billableMinutes(null, '2026-03-01T00:10:00.000Z')).to.equal(0);
    expect(billableMinutes('2026-03-01T00:00:00.000Z', '2026-03-01T00:00:00.000Z')).to.equal(0);
    expect(billableMinutes('2026-03-01T00:00:00.000Z', '2026-03-01T00:00:00.001Z')).to.equal(1);
    expect(billableMinutes('2026-03-01T00:00:00.000Z', '2026-03-01T00:01:00.000Z')).to.equal(1);
    expect(billableMinutes('2026-03-01T00:00:00.000Z', '2026-03-01T00:01:00.001Z')).to.equal(2);
  });

  it('when the business day reaches an anniversary of the plan, then that year is due', () => {
    expect(annualPeriodsDue('2026-03-01', '2026-02-28')).to.deep.equal([]);
    expect(annualPeriodsDue('2026-03-01', '2026-03-01')).to.deep.equal([0]);
    expect(annualPeriodsDue('2026-03-01', '2027-02-28')).to.deep.equal([0]);
    expect(annualPeriodsDue('2026-03-01', '2027-03-01')).to.deep.equal([0, 1]);
  });
});
