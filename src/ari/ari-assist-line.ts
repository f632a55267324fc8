import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { AgentLeg, AssistBridge, AssistLine } from '../agent-assist/assist-line';
import type { CallPort } from '../call/call-port';
import { errorSummary } from '../log/error-summary';
import type { AriOps } from './ari-ops';
import type { OutboundHandle, StasisApp } from './stasis-app';
import { AGENT_LEG_MODE } from './stasis-args';

export interface AriAssistLineDeps {
  ops: Pick<AriOps, 'createBridge' | 'addToBridge' | 'destroyBridge' | 'muteIncoming'>;
  originate: StasisApp['originate'];
  /** The agent's dial string for an extension, e.g. PJSIP/<extension>. */
  endpointOf: (extension: string) => string;
  ringTimeoutSec: number;
  /**
   * Whether the cardholder's DTMF is absorbed; always, except in the end-to-end test's negative control
   * (test/e2e/agent-assist.e2e.test.ts), which proves the agent would hear the keys without it.
   */
  absorbDtmf: () => boolean;
  /** Whether muting the cardholder mutes; always, except in the same test's negative control for keys sent as sound. */
  muteCardholder: () => boolean;
  log: Logger;
  newId?: () => string;
}

export interface AriAssistLine extends AssistLine {
  /**
   * The script of an agent's leg once answered (Stasis arguments agent-leg,<cardholder's call>): hands the leg to
   * the dial waiting for it and lasts as long as the leg. A leg nobody waits for is hung up.
   */
  agentAnswered(agent: CallPort): Promise<void>;
}

/** Agent-assisted calls over ARI: one mixing bridge per cardholder, the agent's extension originated into it. */
export function createAriAssistLine(deps: AriAssistLineDeps): AriAssistLine {
  const newId = deps.newId ?? randomUUID;
  /** Agent legs ringing, by channel id: each resolves with the answered leg's CallPort, or undefined. */
  const ringing = new Map<string, (agent: CallPort | undefined) => void>();

  async function open(cardholder: CallPort): Promise<AssistBridge> {
    const bridgeId = `assist-${newId()}`;
    const log = deps.log.child({ callId: cardholder.id, bridgeId });
    await deps.ops.createBridge(bridgeId);
    await deps.ops.addToBridge(bridgeId, cardholder.id, { absorbDtmf: deps.absorbDtmf() });
    let agent: CallPort | undefined;

    async function dialAgent(extension: string, callerId: string): Promise<AgentLeg | undefined> {
      const channelId = `agent-${newId()}`;
      const answered = new Promise<CallPort | undefined>((resolve) => ringing.set(channelId, resolve));
      const settle = (leg: CallPort | undefined) => {
        ringing.get(channelId)?.(leg);
        ringing.delete(channelId);
      };
      // Events may come before the originate's answer: the line is let go once both are in.
      // eslint-disable-next-line prefer-const -- read by the watcher before the originate's answer assigns it
      let handle: OutboundHandle | undefined;
      let ended = false;
      const release = () => {
        ended = true;
        handle?.release();
      };
      handle = await deps.originate(
        {
          channelId,
          endpoint: deps.endpointOf(extension),
          appArgs: [AGENT_LEG_MODE, cardholder.id],
          timeoutSec: deps.ringTimeoutSec,
          callerId,
        },
        (event) => {
          if (event.type === 'destroyed' || event.type === 'lost') settle(undefined);
          if (event.type === 'script-ended' || event.type === 'destroyed' || event.type === 'lost') release();
        },
      );
      if (ended) handle.release();
      const line = handle;
      // The cardholder hanging up while the agent rings stops the ringing.
      const onGone = () => {
        settle(undefined);
        void line.hangup().catch(() => {});
      };
      cardholder.signal.addEventListener('abort', onGone, { once: true });
      agent = await answered.finally(() => cardholder.signal.removeEventListener('abort', onGone));
      if (!agent) {
        log.info({ extension }, 'agent did not answer');
        return undefined;
      }
      await deps.ops.addToBridge(bridgeId, agent.id, { absorbDtmf: false });
      log.info({ extension, agentCallId: agent.id }, 'agent bridged');
      return { signal: agent.signal };
    }

    async function close(): Promise<void> {
      if (agent && !agent.signal.aborted) {
        await agent.hangup().catch((err: unknown) => log.debug({ err: errorSummary(err) }, 'agent leg already gone'));
      }
      await deps.ops.destroyBridge(bridgeId).catch((err: unknown) => {
        log.warn({ err: errorSummary(err, { withMessage: true }) }, 'destroying the bridge failed');
      });
    }

    async function muteCardholder(muted: boolean): Promise<void> {
      if (!deps.muteCardholder()) return;
      await deps.ops.muteIncoming(cardholder.id, muted);
      log.debug({ muted }, 'cardholder muted toward the agent');
    }

    return { dialAgent, muteCardholder, close };
  }

  async function agentAnswered(agent: CallPort): Promise<void> {
    const waiting = ringing.get(agent.id);
    if (!waiting) {
      deps.log.warn({ agentCallId: agent.id }, 'agent leg answered after its call ended: hung up');
      return;
    }
    ringing.delete(agent.id);
    waiting(agent);
    if (agent.signal.aborted) return;
    await new Promise<void>((resolve) => agent.signal.addEventListener('abort', () => resolve(), { once: true }));
  }

  return { open, agentAnswered };
}
