import { monitorEventLoopDelay } from 'node:perf_hooks';

/**
 * The event loop's delay p99 since the last take, in ms. Sampled every 10 ms by Node itself, so a
 * window of 2 s holds about 200 samples and costs nothing per call.
 */
export function eventLoopLagTaker(): { take: () => number; stop: () => void } {
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  histogram.enable();
  return {
    take: () => {
      const p99 = histogram.count > 0 ? histogram.percentile(99) / 1e6 : 0;
      histogram.reset();
      return p99;
    },
    stop: () => histogram.disable(),
  };
}
