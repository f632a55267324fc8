import { expect } from 'chai';
import { shanghaiTimestamp } from '../../src/domain/shanghai-timestamp';

describe('shanghaiTimestamp', () => {
  it('when it is 16:30:05 UTC, then it is 00:30:05 the next day in Shanghai, as YYYYMMDDhhmmss', () => {
    expect(shanghaiTimestamp(new Date('2026-03-01T16:30:05Z'))).to.equal('20260302003005');
  });

  it("when it is 15:59:59 UTC on New Year's Eve, then it is 23:59:59 the same day in Shanghai", () => {
    expect(shanghaiTimestamp(new Date('2024-12-31T15:59:59.999Z'))).to.equal('20241231235959');
  });
});
