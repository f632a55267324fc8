import type { MinuteSample } from '../../../../scripts/bench/soak/sample-minute';

const MB = 2 ** 20;

/** A reading of the soak with round figures; `change` overrides the parts a test is about. */
export function soakSample(
  minute: number,
  change: { rssMb?: number; heapAfterGcMb?: number; handles?: number } = {},
): MinuteSample {
  return {
    minute,
    at: Date.UTC(2026, 11, 6, 5, minute),
    inFlight: 100,
    calls: { started: 77, completed: 77, paid: 77, failed: 0, cut: 0, failures: {} },
    service: {
      rss: (change.rssMb ?? 160) * MB,
      heapUsed: 50 * MB,
      heapTotal: 70 * MB,
      external: 5 * MB,
      heapAfterGc: (change.heapAfterGcMb ?? 35) * MB,
      handles: change.handles ?? 120,
      handlesByType: { TCPSocketWrap: 100, Timeout: 20 },
      lagP99Ms: 3,
      lagMaxMs: 20,
      activeCalls: 100,
    },
    asterisk: { channels: 200, otherChannels: 0, rss: 85 * MB },
  };
}
