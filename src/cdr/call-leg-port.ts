/**
 * What the call paths tell about each leg of a call: its call detail record, the basis of communication fees
 * (issue 11 §3) and of line-usage reports. Implemented over the store by call-leg-recorder.ts; recording never
 * fails a call: an error is logged and the call goes on.
 */
export interface CallLegRecorder {
  /** A leg began: an inbound call entered the app, or an outbound call was originated. */
  started(leg: { id: string; direction: 'inbound' | 'outbound'; at: Date; orderId?: string }): Promise<void>;
  /** The leg was answered: billing starts here. */
  answered(id: string, at: Date): Promise<void>;
  /** The leg ended with this outcome (e.g. the call outcome, `unanswered`, `failed`). */
  ended(id: string, at: Date, outcome: string): Promise<void>;
}
