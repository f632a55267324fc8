import type { CallPort } from '../call/call-port';

/**
 * The bridge side of an agent-assisted call, as the call script sees it: implemented over ARI in
 * src/ari/ari-assist-line.ts, faked in tests.
 */
export interface AssistLine {
  /**
   * A mixing bridge with the cardholder in it. The cardholder's DTMF frames are absorbed on the way in, so keys
   * reach ivrpay (ChannelDtmfReceived) and never the agent.
   */
  open(cardholder: CallPort): Promise<AssistBridge>;
}

export interface AssistBridge {
  /**
   * Rings the agent's extension; resolves with the agent's leg once it answered and is in the bridge, or
   * undefined when nobody answered (busy, no answer, unreachable, or the cardholder left meanwhile).
   */
  dialAgent(extension: string, callerId: string): Promise<AgentLeg | undefined>;
  /** Mutes or unmutes the sound the cardholder sends into the bridge; their keys still reach ivrpay. */
  muteCardholder(muted: boolean): Promise<void>;
  /** Hangs up the agent's leg if it is still there and destroys the bridge. Never rejects. */
  close(): Promise<void>;
}

export interface AgentLeg {
  /** Aborted once the agent has hung up. */
  readonly signal: AbortSignal;
}
