import type { CallOutcome } from './call-outcome';

/** The reason handed back when the script names none: the outcome's own. */
const OUTCOME_REASON: Record<CallOutcome, string> = {
  paid: 'approved',
  pending: 'confirming',
  unavailable: 'acquirer_unavailable',
  declined: 'declined',
  abandoned: 'abandoned',
  'no-order': 'no_order',
};

/**
 * What a call centre gets back with its caller (README, "Back to the agent"): channel variables, which the
 * return context's dialplan sends on as SIP headers. `pending` is not paid yet: the merchant is told later.
 */
export function handBackVariables(outcome: CallOutcome, reason: string | undefined, orderId: string | undefined) {
  return {
    IVRPAY_RESULT: outcome === 'paid' ? 'paid' : outcome === 'pending' ? 'pending' : 'not_paid',
    IVRPAY_REASON: reason ?? OUTCOME_REASON[outcome],
    IVRPAY_ORDER_ID: orderId ?? '',
  };
}
