import type { Logger } from 'pino';
import { percentile } from '../lib/percentile';

/** Each threshold is a p99 in milliseconds over one window; 0 switches that signal off. */
export interface OverloadThresholds {
  ariRoundTripMs: number;
  eventLoopLagMs: number;
}

export interface OverloadGuardOptions {
  thresholds: OverloadThresholds;
  windowMs: number;
  /** p99 of fewer ARI round trips than this in a window says nothing: one slow request is not an overload. */
  minAriSamples: number;
  /** The event loop's p99 delay over the window just ended, and a fresh start (perf_hooks, event-loop-lag.ts). */
  takeEventLoopLagMs: () => number;
  log: Logger;
}

/** What one window measured, and whether the guard refuses new calls after it. */
export interface OverloadReading {
  ariRoundTripP99Ms?: number;
  ariRoundTrips: number;
  eventLoopLagP99Ms: number;
  overloaded: boolean;
}

export interface OverloadGuard {
  /** One ARI REST request's round trip (src/ari/timed-ari-ops.ts). */
  recordAriRoundTrip: (ms: number) => void;
  /** Whether new calls are refused now. */
  overloaded: () => boolean;
  /** Ends the window: judges what it measured (the timer calls it every windowMs; tests call it directly). */
  closeWindow(): OverloadReading;
  start(): void;
  stop(): void;
}

/** Windows in a row that must agree before the verdict changes: a single GC pause or slow burst flips nothing. */
export const WINDOWS_TO_CHANGE = 2;

/**
 * Watches how fast Asterisk answers us and how late our own event loop runs. When either stays past its
 * threshold, new calls are refused (politely, src/admission/admission.ts) so that calls in progress keep
 * their prompts on time: past the machine's limit, the issue of record measured calls in progress failing.
 */
export function createOverloadGuard(opts: OverloadGuardOptions): OverloadGuard {
  let roundTrips: number[] = [];
  let overloaded = false;
  let streak = 0;
  let timer: NodeJS.Timeout | undefined;

  function closeWindow(): OverloadReading {
    const { ariRoundTripMs, eventLoopLagMs } = opts.thresholds;
    const ariP99 =
      roundTrips.length >= opts.minAriSamples
        ? percentile(
            roundTrips.sort((a, b) => a - b),
            99,
          )
        : undefined;
    // Whole milliseconds: a float's long decimals in a log line read like a card number to the logger's masking.
    const reading = {
      ariRoundTripP99Ms: ariP99 === undefined ? undefined : Math.round(ariP99),
      ariRoundTrips: roundTrips.length,
      eventLoopLagP99Ms: Math.round(opts.takeEventLoopLagMs()),
    };
    roundTrips = [];
    const over =
      (ariRoundTripMs > 0 && ariP99 !== undefined && ariP99 > ariRoundTripMs) ||
      (eventLoopLagMs > 0 && reading.eventLoopLagP99Ms > eventLoopLagMs);
    streak = over === overloaded ? 0 : streak + 1;
    if (streak >= WINDOWS_TO_CHANGE) {
      overloaded = over;
      streak = 0;
      if (over) opts.log.warn({ ...reading, thresholds: opts.thresholds }, 'overloaded: new calls hear "lines busy"');
      else opts.log.info({ ...reading }, 'load back under the thresholds: taking new calls again');
    }
    return { ...reading, overloaded };
  }

  return {
    recordAriRoundTrip: (ms) => {
      roundTrips.push(ms);
    },
    overloaded: () => overloaded,
    closeWindow,
    start() {
      timer ??= setInterval(closeWindow, opts.windowMs);
      timer.unref();
    },
    stop() {
      clearInterval(timer);
      timer = undefined;
    },
  };
}
