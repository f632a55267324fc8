/** Thrown from any CallPort await once the caller has gone; the script unwinds and the order is left abandoned. */
export class CallerHungUpError extends Error {
  readonly code = 'caller_hung_up';
  constructor(callId: string) {
    super(`caller hung up (call ${callId})`);
    this.name = 'CallerHungUpError';
  }
}

export function throwIfHungUp(signal: AbortSignal, callId: string): void {
  if (signal.aborted) throw new CallerHungUpError(callId);
}
