import { expect } from 'chai';
import { beijingDate } from '../../src/reconciliation/beijing-date';

describe('reconciliation/beijing-date', () => {
  it('when it is past 16:00 UTC, then it is already the next day in Beijing, as YYYYMMDD', () => {
    expect(beijingDate(new Date('2026-03-02T15:59:59.999Z'))).to.equal('20260302');
    expect(beijingDate(new Date('2026-03-02T16:00:00.000Z'))).to.equal('20260303');
  });
});
