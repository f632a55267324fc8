import { expect } from 'chai';
import { ariCostPerCall } from '../../../scripts/bench/calls/ari-cost';

describe('bench:calls ARI cost per call', () => {
  it('when the counters grew over a phase, then the growth is divided by the calls placed', () => {
    const before = { requests: 40, events: 100, eventBytes: 50_000 };
    const after = { requests: 40 + 4 * 21, events: 100 + 4 * 75, eventBytes: 50_000 + 4 * 61_000 };
    expect(ariCostPerCall(before, after, 4)).to.deep.equal({ requestsPerCall: 21, eventsPerCall: 75, eventBytesPerCall: 61_000 });
  });

  it('when there were no calls or a reading is missing (a worker that does not count), then there is no figure', () => {
    const counters = { requests: 1, events: 1, eventBytes: 1 };
    expect(ariCostPerCall(counters, counters, 0)).to.equal(undefined);
    expect(ariCostPerCall(undefined, counters, 10)).to.equal(undefined);
    expect(ariCostPerCall(counters, undefined, 10)).to.equal(undefined);
  });
});
