import { expect } from 'chai';
import { leastSquares } from '../../../../scripts/bench/soak/slope';

describe('scripts/bench/soak/slope', () => {
  it('when the points lie on a line, then its slope comes back with no error', () => {
    const fit = leastSquares([1, 2, 3, 4, 5].map((x) => ({ x, y: 10 + 3 * x })));
    expect(fit.slope).to.be.closeTo(3, 1e-9);
    expect(fit.standardError).to.be.closeTo(0, 1e-9);
  });

  it('when the points scatter round a flat line, then the slope is zero and the error says how noisy they are', () => {
    const fit = leastSquares([10, 12, 10, 12, 10, 12, 10, 12].map((y, x) => ({ x, y })));
    // 10,12 alternating over 8 points: least squares gives 2/21 per step (the last point is high).
    expect(fit.slope).to.be.closeTo(2 / 21, 1e-9);
    expect(fit.standardError).to.be.greaterThan(0.1);
  });

  it('when samples are taken at uneven times, then the slope follows x, not the order of the points', () => {
    const fit = leastSquares([
      { x: 0, y: 0 },
      { x: 10, y: 20 },
      { x: 1, y: 2 },
    ]);
    expect(fit.slope).to.be.closeTo(2, 1e-9);
  });

  it('when there are too few points, then slope and error are NaN, not a made-up zero', () => {
    expect(leastSquares([{ x: 1, y: 1 }]).slope).to.deep.equal(NaN);
    const two = leastSquares([
      { x: 1, y: 1 },
      { x: 2, y: 3 },
    ]);
    expect(two.slope).to.equal(2);
    expect(two.standardError).to.deep.equal(NaN);
    expect(
      leastSquares([
        { x: 1, y: 1 },
        { x: 1, y: 5 },
      ]).slope,
    ).to.deep.equal(NaN);
  });
});
