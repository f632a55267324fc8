import type { AdmissionRefusal } from '../admission/admission';
import type { CallPort } from '../call/call-port';

/** Why a new call is turned away: the app stopping or not ready (readiness), or admission control. */
export type CallRefusal = 'stopping' | 'not-ready' | AdmissionRefusal;

/** Lines and load are a busy line to the caller; the app's own state is a service that is down. */
export function refusalPrompt(refusal: CallRefusal): 'lines-busy' | 'service-unavailable' {
  return refusal === 'lines-full' || refusal === 'overloaded' ? 'lines-busy' : 'service-unavailable';
}

/** A refused call is answered, told why in one prompt, and hung up: never left ringing or silent. */
export function refuseCall(refusal: CallRefusal) {
  return async (call: CallPort): Promise<void> => {
    await call.answer();
    await call.play([refusalPrompt(refusal)]);
    await call.hangup();
  };
}
