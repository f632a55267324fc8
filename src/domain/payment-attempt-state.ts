/**
 * Where a payment attempt stands (docs/reference/security.md §3.1):
 * - `prepared`: recorded for an SMS code request; no consume sent yet.
 * - `sending`: recorded, and the consume is (about to be) sent: it may have reached the acquirer.
 * - `unknown`: the consume got no final answer (accepted, 03/04/05, an untrusted answer, no answer,
 *   or the caller stopped waiting): only a query or a notification can say what happened.
 * - `unknown_manual`: the query schedule ran out; the reconciliation file (or an operator) decides.
 * - `approved`, `declined`: the acquirer's final word.
 * - `not_sent`: nothing reached the acquirer (or it refused the message itself): nothing charged.
 * - `not_found`: a query says the acquirer has no such transaction: nothing charged.
 */
export type AttemptState =
  'prepared' | 'sending' | 'unknown' | 'unknown_manual' | 'approved' | 'declined' | 'not_sent' | 'not_found';

/**
 * Attempts that may have charged the card without our knowing the result. While an order has one,
 * it must not be paid again (a second charge); the recovery job and notifications resolve them.
 */
export const UNRESOLVED_STATES: readonly AttemptState[] = ['sending', 'unknown', 'unknown_manual'];

/**
 * The states each state may be reached from. Moves only go forward, so answers, queries and
 * notifications can apply in any order, any number of times. An approval is the acquirer saying
 * the money moved: it wins over any other word, and nothing moves an approved attempt.
 */
const REACHED_FROM: Record<AttemptState, readonly AttemptState[]> = {
  prepared: [],
  sending: ['prepared'],
  unknown: ['sending'],
  unknown_manual: ['sending', 'unknown'],
  not_sent: ['prepared', 'sending'],
  not_found: ['sending', 'unknown', 'unknown_manual'],
  declined: ['sending', 'unknown', 'unknown_manual', 'not_found'],
  approved: ['prepared', 'sending', 'unknown', 'unknown_manual', 'not_found', 'not_sent', 'declined'],
};

export function statesBefore(state: AttemptState): readonly AttemptState[] {
  return REACHED_FROM[state];
}
