import type { QueryNowResult } from '../payment/payment-recovery';

/** What the operator reads after "query now". */
export function queryMessage(result: QueryNowResult): string {
  const { attemptId, state } = result;
  switch (result.answer) {
    case 'approved':
    case 'declined':
      return `${attemptId}: the acquirer says ${result.answer}; the payment is now ${state}.`;
    case 'not_found':
      return `${attemptId}: the acquirer has no such transaction, so nothing was charged; the payment is now ${state}.`;
    case 'unavailable':
      return `${attemptId}: the acquirer refused it, so nothing was charged; the payment is now ${state}.`;
    case 'pending':
      return `${attemptId}: the acquirer has no final word yet; the payment stays ${state}.`;
    case 'busy':
      return `${attemptId}: a call is settling this payment right now; query again in a minute.`;
    case 'not_unresolved':
      return `${attemptId}: already settled, ${state}.`;
  }
}
