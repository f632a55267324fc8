import { expect } from 'chai';
import { ratio, ratioTable, verdict, withRatios } from '../../../scripts/bench/lib/ratio-table';

describe('scripts/bench/lib/ratio-table', () => {
  it('when both trees have a figure, then the ratio is current/previous; two zeros are equal and a zero alone has none', () => {
    expect(ratio(110, 100)).to.equal(1.1);
    expect(ratio(0, 0)).to.equal(1);
    expect(Number.isNaN(ratio(5, 0))).to.equal(true);
  });

  it('when throughput drops or latency grows, then the verdict says worse; under half a percent it says same', () => {
    const [slower, faster, same, lost] = withRatios([
      { measure: 'req/s', current: 90, previous: 100, better: 'higher' },
      { measure: 'p99 ms', current: 90, previous: 100, better: 'lower' },
      { measure: 'p50 ms', current: 100.4, previous: 100, better: 'lower' },
      { measure: 'p50 ms', current: 1, previous: 0, better: 'lower' },
    ]);
    expect(verdict(slower)).to.equal('10 % worse');
    expect(verdict(faster)).to.equal('10 % better');
    expect(verdict(same)).to.equal('same');
    expect(verdict(lost)).to.equal('–');
  });

  it('when rows come with per-round ratios, then the table shows both figures, the ratio and each round', () => {
    const table = ratioTable(
      [
        { measure: 'POST req/s', current: 2050.4, previous: 2000, better: 'higher', perRound: [1.05, 1], digits: 0 },
        { measure: 'POST p99 ms', current: 12.34, previous: 12, better: 'lower', perRound: [1.1, 0.96] },
      ],
      { current: 'current abc1234', previous: 'previous b482a1a' },
    );
    expect(table.split('\n')).to.deep.equal([
      '| measure | current abc1234 | previous b482a1a | current/previous | current vs previous | ratio per round |',
      '|---|---:|---:|---|---|---|',
      '| POST req/s | 2050 | 2000 | 1.03 | 3 % better | 1.05, 1.00 |',
      '| POST p99 ms | 12.3 | 12 | 1.03 | 3 % worse | 1.10, 0.96 |',
    ]);
  });

  it('when there is a single round, then the per-round column is left out', () => {
    const table = ratioTable([{ measure: 'x', current: 1, previous: 1, better: 'lower', perRound: [1] }], {
      current: 'a',
      previous: 'b',
    });
    expect(table.split('\n')[0]).to.equal('| measure | a | b | current/previous | current vs previous |');
  });
});
