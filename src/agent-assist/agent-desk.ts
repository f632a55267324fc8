/**
 * Agent-assisted payment (README, "Agent-assisted payments"): a cardholder and a call-centre agent are bridged
 * through the Stasis app; the agent starts a capture for an order, and the cardholder keys the card on the keypad
 * while the agent stays on the line without hearing the tones. This file is the seam between the call side (which
 * implements `AgentDesk`) and its readers: the agent page (/agent), the merchant API and the webhooks.
 *
 * Nothing here ever holds card data: a card number is a count of digits while keyed, then BIN+last4 masked
 * (src/domain/mask.ts); PIN, expiry, CVN2 and ID are only "entered".
 */

/** The fields a capture asks for, in the IVR's order; which of them an order needs is the IVR's rule. */
export type CaptureField = 'card' | 'pin' | 'expiry' | 'cvn2' | 'id' | 'mobile' | 'sms-code';

/** `asking`: its prompt plays or keys are coming; `entered`: keyed, not yet checked; then `valid` or `invalid`. */
export type FieldState = 'asking' | 'entered' | 'valid' | 'invalid';

export interface FieldProgress {
  field: CaptureField;
  state: FieldState;
  /** The card number only, while it is keyed: how many digits so far (never for the PIN). */
  digitCount?: number;
  /** The card number only, once complete: `621626*********0018`. */
  masked?: string;
  /** The card number only, once complete: the issuing bank's name, when the BIN table knows it. */
  bank?: string;
}

export type CaptureState = 'collecting' | 'submitting' | 'paid' | 'declined' | 'failed' | 'cancelled' | 'abandoned';

export interface CaptureView {
  captureId: string;
  orderId: string;
  state: CaptureState;
  /** In the order they were first asked; a field asked again keeps its place. */
  fields: FieldProgress[];
  /** Once ended: a stable reason (`approved`, a decline reason, `too_many_attempts`, `caller_hung_up`, …). */
  reason?: string;
}

export interface AssistedCall {
  /** The cardholder's channel id: what `POST /v1/orders/:id/agent-capture {callId}` names. */
  callId: string;
  merchantId: string;
  /** The agent extension the call rang (an agent account's extension). */
  agentExtension: string;
  /** The caller's number masked (`138****5678`), or `withheld`. */
  caller: string;
  startedAt: string;
  /** The current or last capture of this call. */
  capture?: CaptureView;
  /** Set once the cardholder has hung up. */
  endedAt?: string;
}

/** What readers are told, in order; `call` is always the whole current view, so a late subscriber needs no history. */
export type DeskEvent =
  | { type: 'call.started'; call: AssistedCall }
  | { type: 'call.updated'; call: AssistedCall }
  | { type: 'call.ended'; call: AssistedCall };

/**
 * The agent-assist service as its readers use it. Every method is scoped to one merchant: another merchant's call
 * or order is `not_found` (never `forbidden`, which would tell it exists). Errors are AppError (src/domain/app-error.ts):
 * `not_found` (no such call or order for this merchant), `conflict` (a capture already runs on the call, or the
 * call has ended), `order_not_payable` (paid, cancelled, expired or in another call), `validation_failed` (a field
 * the capture never asked).
 */
export interface AgentDesk {
  /** This merchant's calls in progress and those ended in the last few minutes, newest first. */
  callsOf(merchantId: string): AssistedCall[];
  startCapture(merchantId: string, callId: string, orderId: string): Promise<CaptureView>;
  /** Asks the cardholder for `field` again (before the payment is submitted). */
  askAgain(merchantId: string, callId: string, field: CaptureField): Promise<void>;
  /** Stops the capture: the cardholder hears that the payment was cancelled and stays with the agent. */
  cancel(merchantId: string, callId: string): Promise<void>;
  /** Live events of this merchant's calls until the returned function is called. */
  subscribe(merchantId: string, listener: (event: DeskEvent) => void): () => void;
}
