import type { Logger } from 'pino';
import type { AgentDirectory } from './agent-assist/agent-directory';
import type { AssistedCalls } from './agent-assist/assisted-calls';
import { runAssistedCall } from './agent-assist/assisted-call';
import type { AriAssistLine } from './ari/ari-assist-line';
import type { StasisAppOptions } from './ari/stasis-app';
import { AGENT_ASSIST_MODE, AGENT_LEG_MODE, assistStartFromArgs, callStartFromArgs } from './ari/stasis-args';
import type { CallOutcome } from './call/call-outcome';
import type { PaymentFlowDeps } from './call/call-ports';
import { runPaymentCall } from './call/payment-call';
import type { CallLegRecorder } from './cdr/call-leg-port';
import { runRecordedCall, runRecordedInboundCall, type CallLeg } from './cdr/recorded-call';

export interface CallRouterDeps {
  legs: CallLegRecorder;
  flow: PaymentFlowDeps;
  directory: AgentDirectory;
  assistedCalls: AssistedCalls;
  callEnded(direction: 'inbound' | 'outbound', outcome: CallOutcome | 'failed'): void;
  now: () => Date;
  log: Logger;
}

/**
 * Which script a call entering the Stasis app runs, from its Stasis arguments: a payment call (inbound or callback),
 * an agent-assisted cardholder, or an agent's leg. Each Asterisk server's app gets its own, bound to that server's
 * assist line, so an agent is always rung on the cardholder's server.
 */
export function createCallRouter(deps: CallRouterDeps): (line: AriAssistLine) => StasisAppOptions['onCall'] {
  const { legs, now, log } = deps;
  return (line) => async (call, args, info) => {
    // agent-assist,<extension> from the dialplan; agent-leg,<cardholder's call> only on channels we originated.
    const assist = assistStartFromArgs(args, info.direction);
    if (assist?.kind === 'agent-leg') return line.agentAnswered(call);
    if (assist?.kind === 'cardholder') {
      const start = { agentExtension: assist.agentExtension, callerNumber: info.callerNumber };
      const assistDeps = { line, directory: deps.directory, calls: deps.assistedCalls, log };
      let ended: CallOutcome | 'failed' = 'failed';
      try {
        ended = await runRecordedInboundCall(legs, call, now, (recorded) => runAssistedCall(recorded, assistDeps, start));
      } finally {
        deps.callEnded('inbound', ended);
      }
      return;
    }
    if (args[0] === AGENT_ASSIST_MODE || args[0] === AGENT_LEG_MODE) {
      log.warn({ callId: call.id, mode: args[0], direction: info.direction }, 'agent-assist arguments not accepted: hung up');
      return;
    }
    // inbound,<pay code>,<return to> from the dialplan; callback,<orderId>,<attemptId> only on channels we originated.
    const start = callStartFromArgs(args, info.direction, info.callerNumber);
    // Call detail records (src/cdr): the attempt id of a callback is trusted, like its order, on our own channels only.
    const leg: CallLeg =
      info.direction === 'inbound' ? { direction: 'inbound' } : { direction: 'outbound', attemptId: start.orderId && args[2] };
    let outcome: CallOutcome | 'failed' = 'failed';
    try {
      outcome = await runRecordedCall(legs, call, leg, now, (recorded) => runPaymentCall(recorded, deps.flow, start));
    } finally {
      deps.callEnded(info.direction, outcome);
    }
  };
}
