import { expect } from 'chai';
import { shanghaiDate } from '../../src/domain/shanghai-date';

describe('shanghaiDate', () => {
  it("when it is 16:00 UTC on New Year's Eve, then it is already 1 January in Shanghai", () => {
    expect(shanghaiDate(new Date('2024-12-31T16:00:00Z'))).to.deep.equal({ year: 2025, month: 1, day: 1 });
  });

  it('when it is 15:59 UTC, then it is still the same day in Shanghai', () => {
    expect(shanghaiDate(new Date('2024-12-31T15:59:59Z'))).to.deep.equal({ year: 2024, month: 12, day: 31 });
  });
});
