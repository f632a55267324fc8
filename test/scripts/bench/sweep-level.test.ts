import { expect } from 'chai';
import { stopReason } from '../../../scripts/bench/calls/sweep-level';

const atLevel = (calls: number, completed: number) => ({ level: calls, dialplan: { calls, completed, p99Ms: 5_000 } });

describe('bench:calls sweep stop', () => {
  it('when the baseline completes half its calls or more, then the sweep goes on', () => {
    expect(stopReason(atLevel(600, 300))).to.equal(undefined);
    expect(stopReason(atLevel(600, 600))).to.equal(undefined);
  });

  it('when the baseline completes under half its calls, then the sweep stops there, saying why', () => {
    expect(stopReason(atLevel(600, 299))).to.equal(
      'the dialplan baseline completed 299 of 600 calls (49.8 %, under 50 %) at 600: the machine is beyond any use there, so the app phase and higher levels were not run',
    );
  });
});
