import type { DrivenCall } from './bench-call';
import { BUSY_PROMPT } from './call-plan';

/** How the calls of an app phase went, the refused ones apart (issue 16 §3). */
export interface AdmissionTally {
  admitted: number;
  /** Admitted calls that went through every step and whose order is paid. */
  paid: number;
  /** Admitted calls that did not: the ones that matter past the knee. */
  failed: number;
  /** Turned away politely: "lines busy", then hung up. */
  refused: number;
}

/**
 * A call the service turned away politely: its one prompt was "lines busy" and no field was asked. Such a
 * call is not a failure of the calls admitted. Anything more (a field, a second prompt) is an admitted call,
 * judged as one.
 */
export function isRefusedCall(call: Pick<DrivenCall, 'fieldsAsked' | 'prompts'>): boolean {
  return call.fieldsAsked.length === 0 && call.prompts.length === 1 && call.prompts[0] === BUSY_PROMPT;
}

/** `paidOrders`: the phase's orders paid afterwards; a call counts as paid only if it also completed. */
export function tallyAdmission(
  calls: Pick<DrivenCall, 'fieldsAsked' | 'prompts' | 'failure'>[],
  paidOrders: number,
): AdmissionTally {
  const admitted = calls.filter((c) => !isRefusedCall(c));
  const completed = admitted.filter((c) => !c.failure).length;
  const paid = Math.min(completed, paidOrders);
  return { admitted: admitted.length, paid, failed: admitted.length - paid, refused: calls.length - admitted.length };
}
