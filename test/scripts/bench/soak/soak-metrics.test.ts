import { expect } from 'chai';
import { metricTrends } from '../../../../scripts/bench/soak/soak-metrics';
import { soakSample } from './soak-sample';

describe('scripts/bench/soak/soak-metrics', () => {
  const byName = (trends: ReturnType<typeof metricTrends>, name: string) => trends.find((t) => t.metric === name);

  it('when the first minute is the ramp, then it is left out of every slope', () => {
    // Minute 1 far below the rest, as while the calls ramp up: counted, it would read as steep growth.
    const minutes = [soakSample(1, { rssMb: 100 }), ...[2, 3, 4, 5, 6].map((m) => soakSample(m))];
    const rss = byName(metricTrends(minutes), 'service RSS');
    expect(rss).to.include({ points: 5, first: 160, slopePerHour: 0, verdict: 'flat' });
  });

  it('when the heap after GC gains 1 MB a minute, then that metric is growing while the others stay flat', () => {
    const minutes = [2, 3, 4, 5, 6, 7].map((m) => soakSample(m, { heapAfterGcMb: 30 + m }));
    const trends = metricTrends(minutes);
    const heap = byName(trends, 'service heap after GC');
    expect(heap?.verdict).to.equal('growing');
    expect(heap?.slopePerHour).to.be.closeTo(60, 1e-6);
    expect(byName(trends, 'service open handles')?.verdict).to.equal('flat');
    expect(byName(trends, 'Asterisk channels')?.verdict).to.equal('flat');
  });

  it('when the service ran without --expose-gc, then the heap after GC has no points rather than NaN in a slope', () => {
    const minutes = [2, 3, 4].map((m) => soakSample(m, { heapAfterGcMb: NaN }));
    expect(byName(metricTrends(minutes), 'service heap after GC')).to.include({ points: 0, verdict: 'unclear' });
  });

  it('gives every metric the issue asks for, each in its unit', () => {
    const names = metricTrends([soakSample(2), soakSample(3)]).map((t) => `${t.metric} (${t.unit})`);
    expect(names).to.deep.equal([
      'service RSS (MB)',
      'service heap used (MB)',
      'service heap after GC (MB)',
      'service heap total (MB)',
      'service external (MB)',
      'service open handles ()',
      'service event-loop lag p99 (ms)',
      'Asterisk channels ()',
      'Asterisk RSS (MB)',
    ]);
  });
});
