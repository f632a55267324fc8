import type { RefundKind } from '../store/payment-rows';

/** The acquirer's daily cut-off, Beijing wall-clock `HH:MM` (config ACQUIRER_CUT_OFF, default 23:00). */
export type CutOff = string;

export interface KindInput {
  /** What the order was paid, and what its refunds have already reserved. */
  paid: number;
  reserved: number;
  /** Fen asked for. */
  amount: number;
  /** The payment's and the refund's txnTime: Beijing YYYYMMDDhhmmss. */
  paymentTxnTime: string;
  refundTxnTime: string;
  cutOff: CutOff;
}

function beforeCutOff(txnTime: string, cutOff: CutOff): boolean {
  return txnTime.slice(8, 12) < cutOff.replace(':', '');
}

/**
 * README.md, Refunds and cancels: the whole payment, on its Beijing day and before the acquirer's cut-off, goes out as a same-day
 * cancel (ACP 31, which voids it before the day's batch); anything else (a part, or after the cut-off, when the
 * payment is in the day's batch) as a refund (04) by the payment's serial. A payment made after the cut-off belongs to the
 * next day's batch, so it is not cancelled either.
 */
export function refundKindFor(input: KindInput): RefundKind {
  const whole = input.amount === input.paid && input.reserved === 0;
  const sameDay = input.paymentTxnTime.slice(0, 8) === input.refundTxnTime.slice(0, 8);
  const inTime = beforeCutOff(input.paymentTxnTime, input.cutOff) && beforeCutOff(input.refundTxnTime, input.cutOff);
  return whole && sameDay && inTime ? 'cancel' : 'refund';
}
