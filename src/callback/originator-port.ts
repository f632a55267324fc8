export interface OriginateRequest {
  orderId: string;
  attemptId: string;
  /** Digits to dial, from dialString(). */
  dial: string;
  /** Seconds to let it ring before giving up (cause 19). */
  ringTimeoutSec: number;
  /** The Asterisk server (host:port) to place it on, chosen for its free lines. */
  server: string;
}
export interface OriginateResult {
  answered: boolean;
  /** Q.850 cause of the originated channel's end, when known. */
  cause?: number;
  /** Dial status of the last Dial event (BUSY, CONGESTION, NOANSWER, CHANUNAVAIL, ANSWER), when known. */
  dialStatus?: string;
  startedAt: Date;
  endedAt: Date;
}
/** Places one outbound call; resolves when it has ended (not answered, or answered and the call script finished). */
export interface Originator {
  call(request: OriginateRequest): Promise<OriginateResult>;
}

/**
 * The channel a callback attempt's call is placed on, named after the attempt: a node that takes over a dead one's
 * callbacks asks Asterisk whether that call is still up (src/callback/settle-orphan-dials.ts).
 */
export function callbackChannelId(attemptId: string): string {
  return `cb-${attemptId}`;
}
