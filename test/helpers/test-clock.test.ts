import { expect } from 'chai';
import { createTestClock, nextShanghaiHour } from './test-clock';

describe('helpers/test-clock', () => {
  it('when real time passes and the clock is advanced, then it shows the start plus both, and never goes back', () => {
    let real = 1_000;
    const clock = createTestClock(new Date('2026-03-01T02:00:00.000Z'), () => real);
    real += 1_500;
    clock.advance(60_000);
    expect(clock.now().toISOString()).to.equal('2026-03-01T02:01:01.500Z');
    clock.advanceTo(new Date('2026-03-01T02:00:00.000Z'));
    expect(clock.now().toISOString()).to.equal('2026-03-01T02:01:01.500Z');
    clock.advanceTo(new Date('2026-03-01T02:30:00.000Z'));
    expect(clock.now().toISOString()).to.equal('2026-03-01T02:30:00.000Z');
    expect(() => clock.advance(-1)).to.throw(RangeError);
  });

  it('when the next 10:00 in Shanghai is asked for, then it is later the same Shanghai day or the next one', () => {
    expect(nextShanghaiHour(10, new Date('2026-03-01T01:59:00.000Z')).toISOString()).to.equal('2026-03-01T02:00:00.000Z');
    expect(nextShanghaiHour(10, new Date('2026-03-01T02:00:00.000Z')).toISOString()).to.equal('2026-03-02T02:00:00.000Z');
    // 23:46 in Shanghai, then 00:30 of the next Shanghai day (still the 27th in UTC): both wait for the 28th's 10:00.
    expect(nextShanghaiHour(10, new Date('2026-11-27T15:46:00.000Z')).toISOString()).to.equal('2026-11-28T02:00:00.000Z');
    expect(nextShanghaiHour(10, new Date('2026-11-27T16:30:00.000Z')).toISOString()).to.equal('2026-11-28T02:00:00.000Z');
  });
});
