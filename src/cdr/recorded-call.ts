import type { CallOutcome } from '../call/call-outcome';
import type { CallPort } from '../call/call-port';
import type { CallLegRecorder } from './call-leg-port';

/** Which leg a call in the Stasis app is: an inbound call, or the answered channel of a callback attempt. */
export type CallLeg = { direction: 'inbound' } | { direction: 'outbound'; attemptId?: string };

/**
 * Runs a call's script with its call detail record. An outbound channel enters the app once answered: that is the
 * answer time of the leg the dialer started and will end (its id is the callback attempt id).
 */
export async function runRecordedCall(
  legs: CallLegRecorder,
  call: CallPort,
  leg: CallLeg,
  now: () => Date,
  script: (call: CallPort) => Promise<CallOutcome>,
): Promise<CallOutcome> {
  if (leg.direction === 'inbound') return runRecordedInboundCall(legs, call, now, script);
  if (leg.attemptId) await legs.answered(leg.attemptId, now());
  return script(call);
}

/**
 * Runs an inbound call's script with its call detail record: started now, answered when the script answers (the
 * CallPort is wrapped, so the script itself stays free of I/O), ended when the script returns or fails.
 */
export async function runRecordedInboundCall(
  legs: CallLegRecorder,
  call: CallPort,
  now: () => Date,
  script: (call: CallPort) => Promise<CallOutcome>,
): Promise<CallOutcome> {
  await legs.started({ id: call.id, direction: 'inbound', at: now() });
  const recorded: CallPort = {
    id: call.id,
    signal: call.signal,
    get language() {
      return call.language;
    },
    set language(language) {
      call.language = language;
    },
    async answer() {
      await call.answer();
      await legs.answered(call.id, now());
    },
    play: (prompts) => call.play(prompts),
    collect: (options) => call.collect(options),
    hangup: () => call.hangup(),
    handBack: (extension, variables) => call.handBack(extension, variables),
  };
  let outcome = 'failed';
  try {
    const result = await script(recorded);
    outcome = result;
    return result;
  } finally {
    await legs.ended(call.id, now(), outcome);
  }
}
