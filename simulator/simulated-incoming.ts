import type { Logger } from 'pino';
import { errorSummary } from '../src/log/error-summary';
import {
  SimulatedCall,
  type SimEvent,
  type SimulatedCallOps,
  type SimulatedCallOptions,
  type SimulatedCallResult,
} from './simulated-call';

/** A test phone ringing: the number the IVR dialled (the Stasis argument of the test phone's extension). */
export interface IncomingCall {
  number: string;
}

/** How the simulated cardholder answers an incoming call; as for an outgoing one, without the endpoint. */
export interface IncomingAnswer extends Omit<SimulatedCallOptions, 'endpoint'> {
  /** Gets what happened on the call once it has ended. */
  onEnded?: (result: SimulatedCallResult) => void;
  /** How long the phone rings before it is picked up; at once unless given (a test kills the IVR's node meanwhile). */
  ringMs?: number;
}

export type IncomingHandler = (call: IncomingCall) => IncomingAnswer | undefined;

export interface IncomingOps extends SimulatedCallOps {
  answer(channelId: string): Promise<void>;
  /** Channel id by channel name, among the channels Asterisk has now. */
  channelIdByName(name: string): Promise<string | undefined>;
  /** Subscribes our app to a channel that is not in it, to see its variables and playbacks. */
  subscribe(channelId: string): Promise<void>;
}

/**
 * Answers one call the IVR placed to a test phone. Our channel is the Local channel's ;2 half, in
 * our app; the IVR's is ;1, whose name differs only in its suffix. We subscribe to ;1 before
 * answering, so no field the IVR asks for is missed, then key the answers like an outgoing call.
 */
export async function answerIncoming(
  event: SimEvent,
  handler: IncomingHandler | undefined,
  deps: { ops: IncomingOps; log: Logger; track(call: SimulatedCall): () => void },
): Promise<void> {
  const { ops, log } = deps;
  if (!event.channel) return;
  const localId = event.channel.id;
  const name = event.channel.name ?? '';
  const answer = handler?.({ number: event.args?.[0] ?? '' });
  const peerId = name.endsWith(';2') ? await ops.channelIdByName(`${name.slice(0, -2)};1`).catch(() => undefined) : undefined;
  if (!answer || !peerId) {
    log.warn({ found: Boolean(peerId) }, 'simulated cardholder: not answering this call');
    await ops.hangup(localId).catch(() => {});
    return;
  }
  const { onEnded, ringMs, ...options } = answer;
  const sim = new SimulatedCall(localId, peerId, { ...options, endpoint: name }, ops, log);
  const untrack = deps.track(sim);
  sim.handle({ type: 'StasisStart', channel: { id: localId } });
  try {
    if (ringMs) await new Promise((resolve) => setTimeout(resolve, ringMs));
    await ops.subscribe(peerId);
    await ops.answer(localId);
  } catch (err) {
    log.warn({ err: errorSummary(err, { withMessage: true }) }, 'simulated cardholder: answering failed');
    await ops.hangup(localId).catch(() => {});
    sim.end('caller');
  }
  const result = await sim.result;
  untrack();
  onEnded?.(result);
}
