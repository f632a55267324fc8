import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';

/** What a long run watches in a process for leaks and slow-downs. Bytes and milliseconds. */
export interface ProcessHealth {
  rss: number;
  heapUsed: number;
  /** The V8 heap's pages held from the system, used or not: RSS can grow with it while heapUsed stays flat. */
  heapTotal: number;
  /** Memory outside the V8 heap that JS objects hold: Buffers and ArrayBuffers (sockets, zlib, SQLite rows). */
  external: number;
  /** heapUsed once garbage is collected (when the process runs with --expose-gc, else NaN): what a leak keeps. */
  heapAfterGc: number;
  /** process.getActiveResourcesInfo(): sockets, timers, file requests… keeping the event loop alive. */
  handles: number;
  handlesByType: Record<string, number>;
  /** Event-loop delay since the previous reading, beyond the monitor's own interval. */
  lagP99Ms: number;
  lagMaxMs: number;
}

/** The monitor's timer interval. The histogram records each whole interval, this included, so it is taken off. */
const RESOLUTION_MS = 10;

function countByType(types: string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const type of types) counts[type] = (counts[type] ?? 0) + 1;
  return counts;
}

/**
 * Reads this process's health, each reading covering the time since the previous one. The event-loop
 * monitor (a timer firing every 10 ms) starts on the first reading, not before, so a process that is
 * never asked (bench:calls' service) carries none of its cost.
 */
export function processHealthMonitor(): { read(): ProcessHealth } {
  let lag: IntervalHistogram | undefined;
  const lagMs = (ns: number) => Math.max(0, ns / 1e6 - RESOLUTION_MS);
  return {
    read(): ProcessHealth {
      const memory = process.memoryUsage();
      const resources = process.getActiveResourcesInfo();
      const lagP99Ms = lag && lag.count > 0 ? lagMs(lag.percentile(99)) : NaN;
      const lagMaxMs = lag && lag.count > 0 ? lagMs(lag.max) : NaN;
      // The collection pauses the loop: the lag figures were read before it, and the next ones start after it.
      global.gc?.();
      const heapAfterGc = global.gc ? process.memoryUsage().heapUsed : NaN;
      if (lag) lag.reset();
      else {
        lag = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
        lag.enable();
      }
      return {
        rss: memory.rss,
        heapUsed: memory.heapUsed,
        heapTotal: memory.heapTotal,
        external: memory.external,
        heapAfterGc,
        handles: resources.length,
        handlesByType: countByType(resources),
        lagP99Ms,
        lagMaxMs,
      };
    },
  };
}
