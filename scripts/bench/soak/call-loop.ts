export interface CallLoop {
  /** Calls in progress now. */
  inFlight(): number;
  /** Starts no more calls, and resolves once the calls in progress have ended (the caller may hang them up). */
  stop(): Promise<void>;
}

export interface CallLoopOptions {
  /** Calls to keep in progress. */
  calls: number;
  /** The first call of each slot starts `rampMs * slot / calls` after the loop starts. */
  rampMs: number;
  /** Places one call and resolves when it has ended. */
  placeCall: () => Promise<void>;
  /** What placeCall threw: the slot goes on with its next call, so the soak keeps its calls in progress. */
  onError: (err: unknown) => void;
  /**
   * A call that ended sooner than this is followed after a pause of this long: when Asterisk or
   * the service fails every call at once, the slots keep trying at that pace instead of spinning.
   */
  minCallMs?: number;
}

/**
 * Keeps `calls` calls going: each slot places a call, and the next as soon as it ends. The ramp
 * spreads the first calls out, so that they also end, and make room for the next, spread out
 * rather than in waves.
 */
export function startCallLoop(opts: CallLoopOptions): CallLoop {
  const minCallMs = opts.minCallMs ?? 1_000;
  let stopping = false;
  /** The pauses under way: stop() cuts them short (one per slot; no AbortSignal, whose listeners Node caps at 10). */
  const wakers = new Set<() => void>();
  let inFlight = 0;

  /** Waits `ms`, or less when the loop is stopped. */
  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      if (stopping) return resolve();
      const wake = () => {
        clearTimeout(timer);
        wakers.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      wakers.add(wake);
    });

  async function slot(index: number): Promise<void> {
    await pause((opts.rampMs * index) / opts.calls);
    while (!stopping) {
      const started = Date.now();
      inFlight += 1;
      try {
        await opts.placeCall();
      } catch (err) {
        opts.onError(err);
      } finally {
        inFlight -= 1;
      }
      const took = Date.now() - started;
      if (took < minCallMs) await pause(minCallMs - took);
    }
  }

  const slots = Array.from({ length: opts.calls }, (_, i) => slot(i));
  return {
    inFlight: () => inFlight,
    stop: async () => {
      stopping = true;
      wakers.forEach((wake) => wake());
      await Promise.all(slots);
    },
  };
}
