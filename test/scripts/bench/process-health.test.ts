import { expect } from 'chai';
import { processHealthMonitor } from '../../../scripts/bench/lib/process-health';

describe('scripts/bench/lib/process-health', () => {
  const block = (ms: number) => {
    const until = Date.now() + ms;
    while (Date.now() < until);
  };
  const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  it('when first read, then memory and handles come back and the lag, not yet watched, is NaN', () => {
    const health = processHealthMonitor().read();
    expect(health.rss).to.be.greaterThan(health.heapUsed);
    expect(health.heapUsed).to.be.greaterThan(0);
    expect(health.handles).to.equal(Object.values(health.handlesByType).reduce((a, b) => a + b, 0));
    expect(health.lagP99Ms).to.deep.equal(NaN);
  });

  it('when the event loop is held for 150 ms, then the next reading shows it in the lag, and the one after does not', async () => {
    const monitor = processHealthMonitor();
    monitor.read();
    await tick(50);
    block(150);
    await tick(50);
    expect(monitor.read().lagMaxMs).to.be.within(100, 1_000);
    await tick(200);
    expect(monitor.read().lagMaxMs).to.be.below(100);
  });

  it('when a timer is pending, then it counts among the handles by its type', () => {
    const monitor = processHealthMonitor();
    const without = monitor.read().handlesByType.Timeout ?? 0;
    const timer = setTimeout(() => {}, 10_000);
    try {
      expect(monitor.read().handlesByType.Timeout).to.equal(without + 1);
    } finally {
      clearTimeout(timer);
    }
  });
});
