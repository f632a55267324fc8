import { expect } from 'chai';
import { perSecond, raceReport, tallyClaims, type RaceRun } from '../../../scripts/bench/scheduler/race-tally';

function raceRun(round: number, claimers: number, claims: number, wallMs: number, claimedTwice = 0): RaceRun {
  return {
    round,
    claimers,
    claimed: claims * 10,
    distinct: claims * 10 - claimedTwice,
    claimedTwice,
    unclaimed: 0,
    claims,
    claimsPerClaimer: claimers === 1 ? [claims] : [claims / 2, claims / 2],
    wallMs,
    dialingInStore: claims * 10,
    cpu: { claimers: 80, postgres: 70 },
  };
}

describe('scripts/bench/race-tally', () => {
  it('when two claimers got disjoint rows covering every due row, then nothing is claimed twice or left', () => {
    expect(
      tallyClaims(
        [
          ['a', 'b'],
          ['c', 'd'],
        ],
        4,
      ),
    ).to.deep.equal({ claimed: 4, distinct: 4, claimedTwice: 0, unclaimed: 0 });
  });

  it('when a row came back to both, or twice to one, then each such row counts once as claimed twice', () => {
    expect(
      tallyClaims(
        [
          ['a', 'b', 'b'],
          ['a', 'c'],
        ],
        4,
      ),
    ).to.deep.equal({
      claimed: 5,
      distinct: 3,
      claimedTwice: 2,
      unclaimed: 1,
    });
  });

  it('when 1,000 claims take 2 s, then that is 500 claims/s; no time gives NaN', () => {
    expect(perSecond(1000, 2000)).to.equal(500);
    expect(perSecond(1000, 0)).to.deep.equal(NaN);
  });

  it("when reported, then claims/s of one and two claimers are the rounds' means and two/one their ratio", () => {
    const { summary, markdown } = raceReport([
      raceRun(1, 1, 1000, 2000),
      raceRun(1, 2, 1000, 1000),
      raceRun(2, 2, 1000, 1000, 1),
      raceRun(2, 1, 1000, 2000),
    ]);
    expect(summary).to.deep.equal({ claimsPerSecond: { '1': 500, '2': 1000 }, twoOverOne: 2, claimedTwice: 1, unclaimed: 0 });
    expect(markdown).to.include('claims/s: one claimer 500, two 1000 (two/one 2); rows claimed twice: 1');
  });
});
