import type { DeclineReason } from './decline-reason';

/** A final answer: what the call script announces. */
export type PaymentResult =
  | { outcome: 'approved'; acquirerRef: string; responseCode: string }
  | { outcome: 'declined'; reason: DeclineReason; responseCode: string }
  /** Nothing was charged: the acquirer was not reached or refused the message itself. The order stays payable. */
  | { outcome: 'unavailable'; responseCode?: string };
