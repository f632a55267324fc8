import { expect } from 'chai';
import { nextQueryDelayMs, QUERY_DELAYS_S } from '../../src/acquirer/query-schedule';

describe('query schedule', () => {
  it("when the schedule is read, then it is UnionPay's 1, 2, 4, 8, 16, 32 s", () => {
    expect(QUERY_DELAYS_S).to.deep.equal([1, 2, 4, 8, 16, 32]);
  });

  it('when asking before each of the six queries, then the delays are those, in milliseconds', () => {
    expect([0, 1, 2, 3, 4, 5].map(nextQueryDelayMs)).to.deep.equal([1000, 2000, 4000, 8000, 16000, 32000]);
  });

  it('when six queries have been made (or the attempt is not a count), then there is no next delay', () => {
    expect(nextQueryDelayMs(6)).to.equal(undefined);
    expect(nextQueryDelayMs(-1)).to.equal(undefined);
    expect(nextQueryDelayMs(1.5)).to.equal(undefined);
  });
});
