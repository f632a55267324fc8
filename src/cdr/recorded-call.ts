import type { CallOutcome } from '../call/call-outcome';
import type { CallPort } from '../call/call-port';
import type { CallLegRecorder } from './call-leg-port';

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
