import { expect } from 'chai';
import { createCallPacer } from '../../src/callback/call-pacer';

describe('callback/call-pacer', () => {
  function fakeClock() {
    let t = Date.parse('2026-03-01T08:00:00Z');
    return {
      now: () => new Date(t),
      sleep: (ms: number) => Promise.resolve(void (t += ms)),
      advance: (ms: number) => void (t += ms),
    };
  }

  it('when calls start back to back at 5 a second, then they are 200 ms apart', async () => {
    const clock = fakeClock();
    const pacer = createCallPacer({ callsPerSecond: 5, ...clock });
    const starts: number[] = [];
    for (let i = 0; i < 6; i++) {
      await pacer.wait();
      starts.push(clock.now().getTime());
    }
    expect(starts.map((s) => s - starts[0])).to.deep.equal([0, 200, 400, 600, 800, 1000]);
  });

  it('when the last start was long ago, then the next one need not wait', async () => {
    const clock = fakeClock();
    const pacer = createCallPacer({ callsPerSecond: 2, ...clock });
    await pacer.wait();
    clock.advance(5000);
    const before = clock.now().getTime();
    await pacer.wait();
    expect(clock.now().getTime()).to.equal(before);
  });

  it('when the rate is not positive, then the pacer refuses to exist', () => {
    expect(() => createCallPacer({ callsPerSecond: 0, ...fakeClock() })).to.throw(RangeError);
  });
});
