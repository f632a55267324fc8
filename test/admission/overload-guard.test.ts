import { expect } from 'chai';
import { createOverloadGuard, type OverloadGuardOptions } from '../../src/admission/overload-guard';
import { captureLog } from '../ari/capture-log';

function guardWith(over: Partial<OverloadGuardOptions> = {}) {
  const lag = { ms: 5 };
  const { log, lines } = captureLog();
  const guard = createOverloadGuard({
    thresholds: { ariRoundTripMs: 500, eventLoopLagMs: 250 },
    windowMs: 2000,
    minAriSamples: 20,
    takeEventLoopLagMs: () => lag.ms,
    log,
    ...over,
  });
  const ariWindow = (ms: number, count = 100) => {
    for (let i = 0; i < count; i++) guard.recordAriRoundTrip(i === 0 ? ms : 3);
  };
  return { guard, lag, lines, ariWindow };
}

describe('admission/createOverloadGuard', () => {
  it('when ARI round trips stay past the threshold at p99 for two windows, then it is overloaded, and back after two good ones', () => {
    const { guard, ariWindow, lines } = guardWith();
    // 2 slow of 100: p99 is the slow one.
    const slowWindow = () => {
      ariWindow(900);
      guard.recordAriRoundTrip(800);
      return guard.closeWindow();
    };
    expect(slowWindow()).to.include({ ariRoundTripP99Ms: 800, overloaded: false });
    expect(slowWindow().overloaded).to.equal(true);
    expect(guard.overloaded()).to.equal(true);
    ariWindow(3);
    expect(guard.closeWindow().overloaded).to.equal(true);
    ariWindow(3);
    expect(guard.closeWindow().overloaded).to.equal(false);
    const logged = lines().map((l) => JSON.parse(l) as { msg: string });
    expect(logged.map((l) => l.msg)).to.deep.equal([
      'overloaded: new calls hear "lines busy"',
      'load back under the thresholds: taking new calls again',
    ]);
  });

  it('when one window is slow between good ones, then nothing changes: a single burst or GC pause refuses no call', () => {
    const { guard, ariWindow, lag } = guardWith();
    ariWindow(3);
    guard.closeWindow();
    lag.ms = 900;
    expect(guard.closeWindow().overloaded).to.equal(false);
    lag.ms = 5;
    expect(guard.closeWindow().overloaded).to.equal(false);
    lag.ms = 900;
    expect(guard.closeWindow().overloaded).to.equal(false);
  });

  it('when the event loop lags past its threshold for two windows, then it is overloaded even with no ARI traffic', () => {
    const { guard, lag } = guardWith();
    lag.ms = 300.4; // reported in whole ms
    guard.closeWindow();
    expect(guard.closeWindow()).to.include({ eventLoopLagP99Ms: 300, ariRoundTrips: 0, overloaded: true });
  });

  it('when a window has fewer ARI round trips than the minimum, then their p99 is not judged', () => {
    const { guard } = guardWith();
    for (let i = 0; i < 19; i++) guard.recordAriRoundTrip(5000);
    expect(guard.closeWindow()).to.include({ ariRoundTripP99Ms: undefined, ariRoundTrips: 19 });
    for (let i = 0; i < 19; i++) guard.recordAriRoundTrip(5000);
    expect(guard.closeWindow().overloaded).to.equal(false);
  });

  it('when a threshold is 0, then that signal is off', () => {
    const { guard, lag, ariWindow } = guardWith({ thresholds: { ariRoundTripMs: 0, eventLoopLagMs: 0 } });
    lag.ms = 10_000;
    for (let i = 0; i < 3; i++) {
      ariWindow(10_000, 1);
      ariWindow(10_000, 50);
      expect(guard.closeWindow().overloaded).to.equal(false);
    }
  });

  it('when started, then it closes a window every windowMs', async () => {
    const { guard, lag } = guardWith({ windowMs: 20 });
    lag.ms = 1000;
    guard.start();
    await new Promise((resolve) => setTimeout(resolve, 120));
    guard.stop();
    expect(guard.overloaded()).to.equal(true);
  });
});
