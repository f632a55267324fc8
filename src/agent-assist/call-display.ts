import { maskPhone } from '../sms/sms-port';
import type { AssistedCall, CaptureField, CaptureState, CaptureView, FieldProgress } from './agent-desk';

/**
 * What the agent page shows of a call, as text only: the server renders it, and the page's script puts the same
 * texts into the page from the event stream. Built field by field from the desk's view, so nothing the desk might
 * add reaches the browser, and a card number is shown only as a count of digits or in its masked form.
 */
export interface CallDisplay {
  callId: string;
  caller: string;
  extension: string;
  /** Rang on the logged-in agent's own extension. */
  ownLine: boolean;
  /** "On the line since …", or when the cardholder hung up. */
  status: string;
  ended: boolean;
  /** A capture may start: the call is live and no capture runs on it. */
  canStart: boolean;
  capture?: CaptureDisplay;
}

export interface CaptureDisplay {
  orderId: string;
  state: CaptureState;
  stateText: string;
  fields: FieldDisplay[];
  /** Before the payment is submitted. */
  canCancel: boolean;
  /** Once ended: paid, declined and why, abandoned, cancelled, failed. */
  result?: string;
}

export interface FieldDisplay {
  field: CaptureField;
  label: string;
  /** The card: "7 digits", then `621626*********0018 · bank`; any other field: "entered" once keyed. */
  value: string;
  /** asking, entered, valid, invalid. */
  check: string;
  askAgain: boolean;
}

export const FIELD_LABELS: Record<CaptureField, string> = {
  card: 'Card number',
  pin: 'PIN',
  expiry: 'Expiry date',
  cvn2: 'CVN2',
  id: 'ID number',
  mobile: 'Mobile number',
  'sms-code': 'SMS code',
};

const STATE_TEXTS: Record<CaptureState, string> = {
  collecting: 'The cardholder is keying the card',
  submitting: 'Submitting the payment…',
  paid: 'Paid',
  declined: 'Declined',
  failed: 'Failed',
  cancelled: 'Cancelled',
  abandoned: 'Abandoned: the cardholder hung up',
};

/** BIN and last four around stars, as src/domain/mask.ts makes it; anything else is not shown. */
const MASKED_CARD = /^\d{6}\*{3,9}\d{4}$/;

const human = (reason: string) => reason.replace(/[_-]+/g, ' ');
const ended = (capture: CaptureView) => capture.state !== 'collecting' && capture.state !== 'submitting';

function cardValue(progress: FieldProgress): string {
  if (progress.masked !== undefined) {
    const masked = MASKED_CARD.test(progress.masked) ? progress.masked : '(hidden)';
    return progress.bank ? `${masked} · ${progress.bank}` : masked;
  }
  const count = progress.digitCount;
  if (typeof count === 'number' && Number.isInteger(count) && count >= 0) return count === 1 ? '1 digit' : `${count} digits`;
  return '—';
}

function fieldDisplay(progress: FieldProgress, collecting: boolean): FieldDisplay {
  const keyed = progress.state !== 'asking';
  return {
    field: progress.field,
    label: FIELD_LABELS[progress.field] ?? 'Field',
    // Never a count of PIN (or other) digits: only the card's progress is shown as it is keyed.
    value: progress.field === 'card' ? cardValue(progress) : keyed ? 'entered' : '—',
    check: progress.state,
    askAgain: collecting && keyed,
  };
}

function resultOf(capture: CaptureView): string | undefined {
  if (!ended(capture)) return undefined;
  const reason = capture.reason ? human(capture.reason) : undefined;
  if (capture.state === 'declined' || capture.state === 'failed') {
    return reason ? `${STATE_TEXTS[capture.state]}: ${reason}` : STATE_TEXTS[capture.state];
  }
  return STATE_TEXTS[capture.state];
}

function captureDisplay(capture: CaptureView): CaptureDisplay {
  const collecting = capture.state === 'collecting';
  const result = resultOf(capture);
  return {
    orderId: capture.orderId,
    state: capture.state,
    stateText: STATE_TEXTS[capture.state],
    fields: capture.fields.map((f) => fieldDisplay(f, collecting)),
    canCancel: collecting,
    ...(result ? { result } : {}),
  };
}

/** A caller's number as the desk gives it is masked; one that is not (a mistake) is masked here. */
const maskedCaller = (caller: string) => (/\d{5}/.test(caller) ? maskPhone(caller) : caller);

/** `time`: how a timestamp is shown (Beijing time on the page). */
export function callDisplay(call: AssistedCall, ownExtension: string, time: (iso: string) => string): CallDisplay {
  const isEnded = call.endedAt !== undefined;
  return {
    callId: call.callId,
    caller: maskedCaller(call.caller),
    extension: call.agentExtension,
    ownLine: call.agentExtension === ownExtension,
    status: isEnded ? `The cardholder hung up at ${time(call.endedAt as string)}` : `On the line since ${time(call.startedAt)}`,
    ended: isEnded,
    canStart: !isEnded && (!call.capture || ended(call.capture)),
    ...(call.capture ? { capture: captureDisplay(call.capture) } : {}),
  };
}

/** The agent's own extension's calls first, each group in the desk's order (newest first). */
export function ownCallsFirst(calls: AssistedCall[], ownExtension: string): AssistedCall[] {
  return [...calls.filter((c) => c.agentExtension === ownExtension), ...calls.filter((c) => c.agentExtension !== ownExtension)];
}
