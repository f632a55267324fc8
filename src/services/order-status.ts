export type OrderStatus = 'created' | 'in_call' | 'paid' | 'declined' | 'abandoned' | 'expired' | 'cancelled';

export const ORDER_STATUSES: readonly OrderStatus[] = [
  'created',
  'in_call',
  'paid',
  'declined',
  'abandoned',
  'expired',
  'cancelled',
];

/** A caller may start paying an order in these states (until it expires). */
export const PAYABLE_STATUSES: readonly OrderStatus[] = ['created', 'abandoned', 'declined'];

export type AttemptOutcome = 'in_call' | 'paid' | 'declined' | 'abandoned';
