import type { Logger } from 'pino';
import type { CallOutcome } from '../call/call-outcome';
import type { CallPort } from '../call/call-port';
import { CallerHungUpError } from '../call/caller-hung-up';
import type { PromptId } from '../call/prompt-manifest';
import { errorSummary } from '../log/error-summary';
import type { CaptureView } from './agent-desk';
import type { AgentDirectory } from './agent-directory';
import type { AssistLine } from './assist-line';
import type { AssistedCalls } from './assisted-calls';
import { MutedWhileKeying } from './muted-while-keying';

export interface AssistedCallDeps {
  line: AssistLine;
  directory: AgentDirectory;
  calls: AssistedCalls;
  log: Logger;
}

/**
 * The cardholder's side of an agent-assisted call (README, "Agent-assisted payments"): answered, put in a bridge
 * that keeps its keys from the agent, the agent's extension rung into it, then the call is the agent's and the
 * cardholder's until one of them hangs up; the agent starts captures meanwhile (AgentDesk).
 * - Cardholder hangs up: a running capture ends as abandoned, the agent's leg is hung up.
 * - Agent hangs up: a running capture goes on to its result (the cardholder may be keying), then the cardholder
 *   hears that the agent has left, goodbye, and is hung up.
 * - Unknown extension, or no answer: the cardholder is told and hung up.
 * Returns the outcome of the call's last capture, for its call detail record and metrics (`no-order`: none ran).
 */
export async function runAssistedCall(
  call: CallPort,
  deps: AssistedCallDeps,
  start: { agentExtension: string; callerNumber: string },
): Promise<CallOutcome> {
  const log = deps.log.child({ callId: call.id, agentExtension: start.agentExtension });
  await call.answer();
  const merchantId = await deps.directory.merchantOfExtension(start.agentExtension);
  if (!merchantId) {
    log.warn('no agent account has this extension: call refused');
    await farewell(call, log, ['service-unavailable']);
    return 'no-order';
  }
  const bridge = await deps.line.open(call);
  try {
    await call.play(['connecting-agent']);
    const agent = await bridge.dialAgent(start.agentExtension, start.callerNumber);
    if (!agent) {
      await farewell(call, log, ['agent-unavailable']);
      return 'no-order';
    }
    // Captures key on this call: its sound is muted toward the agent while a field is keyed.
    const keyingCall = new MutedWhileKeying(call, (muted) => bridge.muteCardholder(muted), log);
    const entry = deps.calls.add(keyingCall, merchantId, start.agentExtension, callerView(start.callerNumber));
    try {
      const agentLeft = await firstAborted(call.signal, agent.signal);
      if (agentLeft) {
        log.info('agent hung up');
        await entry.capture?.done;
        await farewell(call, log, ['agent-left']);
      }
    } finally {
      // A capture cut short by the hang-up releases its order first.
      await entry.capture?.done;
      deps.calls.end(entry);
    }
    return outcomeOf(entry.capture?.view());
  } finally {
    await bridge.close();
  }
}

/** The call's outcome as the IVR's would read (src/call/call-outcome.ts), from its last capture. */
export function outcomeOf(capture: CaptureView | undefined): CallOutcome {
  switch (capture?.state) {
    case undefined:
      return 'no-order';
    case 'paid':
    case 'declined':
      return capture.state;
    case 'failed':
      if (capture.reason === 'payment_pending') return 'pending';
      if (capture.reason === 'acquirer_unavailable') return 'unavailable';
      return 'abandoned';
    default:
      return 'abandoned';
  }
}

/** True when `other` ended first (the agent), false when `own` did (the cardholder). */
function firstAborted(own: AbortSignal, other: AbortSignal): Promise<boolean> {
  if (own.aborted) return Promise.resolve(false);
  if (other.aborted) return Promise.resolve(true);
  return new Promise((resolve) => {
    own.addEventListener('abort', () => resolve(false), { once: true });
    other.addEventListener('abort', () => resolve(true), { once: true });
  });
}

async function farewell(call: CallPort, log: Logger, prompts: PromptId[]): Promise<void> {
  try {
    await call.play([...prompts, 'goodbye']);
    await call.hangup();
  } catch (err) {
    if (!(err instanceof CallerHungUpError)) log.warn({ err: errorSummary(err) }, 'goodbye failed');
  }
}

/** The caller's number as the agent sees it: masked (138****5678), or `withheld`. */
function callerView(number: string): string {
  return /^\+?\d{8,}$/.test(number) ? `${number.slice(0, 3)}****${number.slice(-4)}` : 'withheld';
}
