import { expect } from 'chai';
import { trend } from '../../../../scripts/bench/soak/trend';

const FIVE_PERCENT = { relative: 0.05, floor: 1 };
const series = (values: number[], from = 2) => values.map((value, i) => ({ minute: from + i, value }));

describe('scripts/bench/soak/trend', () => {
  it('when a 100 MB figure holds steady within noise for 59 minutes, then it is flat', () => {
    const t = trend(series(Array.from({ length: 59 }, (_, i) => 100 + (i % 3) - 1)), FIVE_PERCENT);
    expect(t.allowancePerHour).to.be.closeTo(5, 0.01);
    expect(Math.abs(t.slopePerHour)).to.be.lessThan(1);
    expect(t.verdict).to.equal('flat');
  });

  it('when a 100 MB figure gains 0.5 MB a minute (30 MB an hour), then it is growing', () => {
    const t = trend(series(Array.from({ length: 20 }, (_, i) => 100 + 0.5 * i + (i % 2) * 0.3)), FIVE_PERCENT);
    expect(t.slopePerHour).to.be.closeTo(30, 1);
    expect(t.verdict).to.equal('growing');
  });

  it('when the noise is larger than the allowance, then the verdict is unclear rather than a guess', () => {
    const t = trend(series([100, 130, 95, 125, 100]), FIVE_PERCENT);
    expect(t.verdict).to.equal('unclear');
    expect(t.marginPerHour).to.be.greaterThan(t.allowancePerHour);
  });

  it('when a figure shrinks, then it is flat: only growth is judged', () => {
    expect(trend(series([200, 190, 180, 170, 160]), FIVE_PERCENT).verdict).to.equal('flat');
  });

  it('when the mean is near zero, then the floor is the allowance, so a step of one is not growth', () => {
    const t = trend(series([0, 0, 0, 0, 0, 0, 0, 0, 0.02]), { relative: 0.05, floor: 2 });
    expect(t.allowancePerHour).to.equal(2);
    expect(t.verdict).to.equal('flat');
  });

  it('when there are only two minutes after the warm-up, then there is a slope but no verdict', () => {
    const t = trend(series([100, 101]), FIVE_PERCENT);
    expect(t.slopePerHour).to.equal(60);
    expect(t.verdict).to.equal('unclear');
  });

  it('reports first, last, min, max and mean of the minutes judged', () => {
    expect(trend(series([3, 1, 4, 1, 5]), FIVE_PERCENT)).to.include({ points: 5, first: 3, last: 5, min: 1, max: 5, mean: 2.8 });
  });
});
