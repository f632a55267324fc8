import type { PaymentAttemptRow, RefundRow } from '../../src/store/payment-rows';

/** Rows of ours as the matchers read them (only the columns they use); `changes` sets what a test is about. */
export const attemptRow = (changes: Partial<PaymentAttemptRow> = {}) =>
  ({
    id: 'att-1',
    amount: 1_000,
    state: 'approved',
    acquirer_ref: null,
    txn_time: '20260302120000',
    ...changes,
  }) as PaymentAttemptRow;

export const refundRow = (changes: Partial<RefundRow> = {}) =>
  ({
    id: 'rfd-1',
    amount: 300,
    state: 'succeeded',
    acquirer_ref: null,
    acquirer_order_id: 'RFD1',
    txn_time: '20260302130000',
    created_at: '2026-03-02T05:00:00.000Z',
    ...changes,
  }) as RefundRow;

/** Refunds created before this are past the grace period on the day of these rows. */
export const PENDING_BEFORE = '2026-03-02T06:00:00.000Z';
