export type OrderStatus = 'created' | 'in_call' | 'paid' | 'declined' | 'abandoned' | 'expired' | 'cancelled' | 'unreachable';

export const ORDER_STATUSES: readonly OrderStatus[] = [
  'created',
  'in_call',
  'paid',
  'declined',
  'abandoned',
  'expired',
  'cancelled',
  'unreachable',
];

/**
 * A caller may start paying an order in these states (until it expires). `unreachable` (the callbacks gave up)
 * stays payable: the cardholder's SMS reminder tells them to call in with the pay code.
 */
export const PAYABLE_STATUSES: readonly OrderStatus[] = ['created', 'abandoned', 'declined', 'unreachable'];

export type AttemptOutcome = 'in_call' | 'paid' | 'declined' | 'abandoned';

export type OrderMode = 'inbound' | 'callback';
