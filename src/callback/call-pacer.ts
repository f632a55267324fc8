/** Spaces call starts to a calls-per-second cap, as trunks (and carriers) require. */
export interface CallPacer {
  /** Resolves when the next call may start; each call takes the next free slot. */
  wait(): Promise<void>;
}

export interface CallPacerDeps {
  callsPerSecond: number;
  now: () => Date;
  sleep: (ms: number) => Promise<void>;
}

/**
 * Slots 1/cps seconds apart: no window of one second ever holds more than `callsPerSecond` starts
 * (rounded down), unlike a per-second counter that allows a double burst across a second's boundary.
 */
export function createCallPacer(deps: CallPacerDeps): CallPacer {
  if (!(deps.callsPerSecond > 0)) throw new RangeError('callsPerSecond must be positive');
  const spacingMs = 1000 / deps.callsPerSecond;
  let nextSlot = Number.NEGATIVE_INFINITY;
  return {
    async wait() {
      const t = deps.now().getTime();
      const slot = Math.max(t, nextSlot);
      nextSlot = slot + spacingMs;
      if (slot > t) await deps.sleep(slot - t);
    },
  };
}
