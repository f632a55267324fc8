import { expect } from 'chai';
import { percentile, summarize } from '../../../scripts/bench/lib/percentiles';

describe('bench percentiles', () => {
  it('when asked for p50/p99 of 1..100, then nearest-rank samples 50 and 99 come back', () => {
    const samples = Array.from({ length: 100 }, (_, i) => 100 - i);
    expect(summarize(samples)).to.deep.include({ count: 100, min: 1, p50: 50, p95: 95, p99: 99, max: 100, mean: 50.5 });
  });

  it('when there are fewer samples than the percentile needs, then the largest sample is p99', () => {
    expect(percentile([3, 7, 9], 99)).to.equal(9);
    expect(percentile([3, 7, 9], 50)).to.equal(7);
  });

  it('when there are no samples, then every figure is NaN, not a made-up zero', () => {
    const s = summarize([]);
    expect(s.count).to.equal(0);
    expect(s.p99).to.deep.equal(NaN);
  });
});
