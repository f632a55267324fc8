import { expect } from 'chai';
import sinon from 'sinon';
import { startCallLoop } from '../../../../scripts/bench/soak/call-loop';

describe('scripts/bench/soak/call-loop', () => {
  let clock: sinon.SinonFakeTimers;
  beforeEach(() => {
    clock = sinon.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  });
  afterEach(() => clock.restore());

  /** Calls that last `ms` each, on the fake clock; records when each started. */
  function calls(ms: number) {
    const startedAt: number[] = [];
    const placeCall = async () => {
      startedAt.push(Date.now());
      await new Promise((resolve) => setTimeout(resolve, ms));
    };
    return { startedAt, placeCall };
  }

  it('when started, then the first calls are spread over the ramp and a slot starts its next call as one ends', async () => {
    const { startedAt, placeCall } = calls(10_000);
    const loop = startCallLoop({ calls: 4, rampMs: 4_000, placeCall, onError: () => {} });
    await clock.tickAsync(3_500);
    expect(startedAt).to.deep.equal([0, 1_000, 2_000, 3_000]);
    expect(loop.inFlight()).to.equal(4);
    await clock.tickAsync(7_000);
    expect(startedAt.slice(4)).to.deep.equal([10_000]);
    expect(loop.inFlight()).to.equal(4);
    await clock.tickAsync(60_000);
    expect(loop.inFlight()).to.equal(4);
    const stopped = loop.stop();
    await clock.tickAsync(10_000);
    await stopped;
    expect(loop.inFlight()).to.equal(0);
  });

  it('when stopped during the ramp, then the slots not yet started never start', async () => {
    const { startedAt, placeCall } = calls(10_000);
    const loop = startCallLoop({ calls: 10, rampMs: 10_000, placeCall, onError: () => {} });
    await clock.tickAsync(2_500);
    const stopped = loop.stop();
    await clock.tickAsync(10_000);
    await stopped;
    expect(startedAt).to.have.length(3);
  });

  it('when every call fails at once, then each slot tries again once a second instead of spinning', async () => {
    const { startedAt, placeCall } = calls(0);
    const loop = startCallLoop({ calls: 2, rampMs: 0, placeCall, onError: () => {} });
    await clock.tickAsync(5_500);
    const stopped = loop.stop();
    await clock.tickAsync(1_000);
    await stopped;
    expect(startedAt).to.have.length(12);
  });

  it('when placing a call throws, then the error is reported and the slot goes on', async () => {
    const errors: unknown[] = [];
    let n = 0;
    const loop = startCallLoop({
      calls: 1,
      rampMs: 0,
      placeCall: () => (++n === 1 ? Promise.reject(new Error('boom')) : new Promise((resolve) => setTimeout(resolve, 5_000))),
      onError: (err) => errors.push(err),
    });
    await clock.tickAsync(1_500);
    expect(errors).to.have.length(1);
    expect(n).to.equal(2);
    const stopped = loop.stop();
    await clock.tickAsync(5_000);
    await stopped;
  });
});
