import type { CallDirection } from './stasis-app';

/** Where the call script starts: the order a callback was placed for, or an inbound call's pay code. */
export interface CallStart {
  payCode?: string;
  orderId?: string;
  /** Where the caller goes back after the result: an extension of the return context (README, "Back to the agent"). */
  returnTo?: string;
  /** An inbound call's caller ID (for the SMS reminder when the caller hangs up); never a callback's. */
  callerNumber?: string;
}

/** The dialplan keeps letters, digits and _ only (ivrpay-return-to); anything else is not ours and is ignored. */
const RETURN_TO = /^[0-9A-Za-z_]{1,40}$/;

/** First Stasis argument of an answered callback: callback,<order id>,<attempt id>. */
export const CALLBACK_MODE = 'callback';

export function callbackArgs(orderId: string, attemptId: string): string[] {
  return [CALLBACK_MODE, orderId, attemptId];
}

/**
 * Reads the Stasis arguments: `inbound,<pay code or empty>,<return to or empty>` from the dialplan, `callback,<order id>,…`
 * from our own originate. An order id is trusted only on a channel this app originated, so nothing
 * dialling into the app can start a call on an order it names.
 */
export function callStartFromArgs(args: string[], direction: CallDirection, callerNumber = ''): CallStart {
  const [mode, value, returnTo] = args;
  if (mode === CALLBACK_MODE) return direction === 'outbound' && value ? { orderId: value } : {};
  return {
    payCode: value || undefined,
    ...(returnTo && RETURN_TO.test(returnTo) ? { returnTo } : {}),
    ...(direction === 'inbound' && callerNumber ? { callerNumber } : {}),
  };
}

/** First Stasis argument of a cardholder the dialplan puts through to an agent: agent-assist,<agent extension>. */
export const AGENT_ASSIST_MODE = 'agent-assist';
/** First Stasis argument of the agent's leg this app originates: agent-leg,<the cardholder's channel id>. */
export const AGENT_LEG_MODE = 'agent-leg';

/** An extension becomes a dial string (PJSIP/<extension>): letters, digits and _ only, as the dialplan's FILTER keeps. */
const EXTENSION = /^[0-9A-Za-z_]{1,40}$/;

export type AssistStart = { kind: 'cardholder'; agentExtension: string } | { kind: 'agent-leg'; cardholderCallId: string };

/**
 * The agent-assisted modes (README, "Agent-assisted payments"), undefined for any other call. A cardholder comes
 * in from the dialplan (`agent-assist,<extension>`, inbound); an agent leg is trusted only on a channel this app
 * originated, so nothing dialling in can pose as the agent of someone else's call.
 */
export function assistStartFromArgs(args: string[], direction: CallDirection): AssistStart | undefined {
  const [mode, value] = args;
  if (mode === AGENT_ASSIST_MODE && direction === 'inbound' && value && EXTENSION.test(value)) {
    return { kind: 'cardholder', agentExtension: value };
  }
  if (mode === AGENT_LEG_MODE && direction === 'outbound' && value) return { kind: 'agent-leg', cardholderCallId: value };
  return undefined;
}
