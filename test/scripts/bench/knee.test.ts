import { expect } from 'chai';
import { kneeOf, kneesOf } from '../../../scripts/bench/calls/knee';
import type { SweepLevel } from '../../../scripts/bench/calls/sweep-level';

function level(
  n: number,
  dialplan: { completed?: number; p99?: number },
  app?: { refused?: number; failed?: number; p99?: number },
): SweepLevel {
  const refused = app?.refused ?? 0;
  const failed = app?.failed ?? 0;
  return {
    level: n,
    dialplan: { calls: n, completed: dialplan.completed ?? n, p99Ms: dialplan.p99 ?? 2 },
    ...(app
      ? { app: { calls: n, admitted: n - refused, paid: n - refused - failed, failed, refused, p99Ms: app.p99 ?? 8 } }
      : {}),
  };
}

describe('bench:calls sweep knee', () => {
  it('when levels hold up to one and fail above, then the knee is the last that holds', () => {
    expect(kneeOf([level(100, {}), level(200, {}), level(300, {})], (l) => l.level <= 200)).to.equal(200);
  });

  it('when a level holds only after one that failed, then it does not raise the knee', () => {
    expect(kneeOf([level(100, {}), level(200, {}), level(300, {})], (l) => l.level !== 200)).to.equal(100);
  });

  it('when the lowest level fails, then there is no knee', () => {
    expect(kneeOf([level(100, {})], () => false)).to.equal(undefined);
  });

  it('when the baseline loses a call or passes 100 ms at p99, then that level is past its knee', () => {
    const levels = [level(100, {}), level(200, { p99: 100 }), level(300, { p99: 101 }), level(400, { completed: 399 })];
    expect(kneesOf(levels).dialplan).to.equal(200);
    expect(kneesOf([level(100, { completed: 99 })]).dialplan).to.equal(undefined);
  });

  it('when the app refuses calls but every admitted one is paid in time, then the level holds for the app, not for "none refused"', () => {
    const levels = [level(300, {}, {}), level(450, {}, { refused: 150 }), level(600, {}, { refused: 200, failed: 1 })];
    expect(kneesOf(levels)).to.deep.equal({ dialplan: 600, app: 450, appNoneRefused: 300 });
  });

  it('when the app is slow, refuses every call, measured nothing or did not run, then the level does not hold', () => {
    expect(kneesOf([level(100, {}, { p99: 101 })]).app).to.equal(undefined);
    expect(kneesOf([level(100, {}, { refused: 100 })]).app).to.equal(undefined);
    expect(kneesOf([level(100, {}, { p99: NaN })]).app).to.equal(undefined);
    expect(kneesOf([level(100, {})]).app).to.equal(undefined);
  });
});
