import type { AttemptRow, OrderRow } from '../store/rows';
import type { CallbackView } from '../callback/callback-view';
import type { Language } from '../domain/language';
import type { AttemptOutcome, OrderMode, OrderStatus } from '../domain/order-status';
import { toRefundView, type RefundView } from '../refund/refund-view';
import type { RefundRow } from '../store/payment-rows';

/**
 * What the API shows as the order's status: the stored one, except that a paid order with money refunded for good
 * reads `refunded` (all of it) or `partially_refunded`. It stays `paid` in the store, so nothing can make it
 * payable again.
 */
export type OrderViewStatus = OrderStatus | 'refunded' | 'partially_refunded';

export const ORDER_VIEW_STATUSES: readonly OrderViewStatus[] = [
  'created',
  'in_call',
  'paid',
  'partially_refunded',
  'refunded',
  'declined',
  'abandoned',
  'expired',
  'cancelled',
  'unreachable',
];

export function viewStatus(row: Pick<OrderRow, 'status' | 'amount' | 'refunded_amount'>): OrderViewStatus {
  const refunded = Number(row.refunded_amount ?? 0);
  if (row.status !== 'paid' || refunded <= 0) return row.status;
  return refunded >= Number(row.amount) ? 'refunded' : 'partially_refunded';
}

export interface CardView {
  /** First 6 and last 4 digits at most. */
  masked: string;
  bank: string;
  kind: string;
}

export interface AttemptView {
  startedAt: string;
  endedAt?: string;
  outcome: AttemptOutcome;
  card?: CardView;
  declineReason?: string;
}

/** An order as merchants and admins see it (the merchant API's JSON, camelCase). */
export interface OrderView {
  id: string;
  merchantOrderId: string;
  amount: number;
  currency: 'CNY';
  description: string;
  mode: OrderMode;
  status: OrderViewStatus;
  /** Present while a caller can still use it (the order is not paid, expired or cancelled). */
  payCode?: string;
  expiresAt: string;
  createdAt: string;
  updatedAt: string;
  card?: CardView;
  declineReason?: string;
  /** Where signed events about this order are sent. */
  notifyUrl?: string;
  /** The language its calls are held in, when the merchant gave one (else the merchant's default). */
  language?: Language;
  attempts: AttemptView[];
  /** Paid orders: fen refunded for good (succeeded refunds and cancels). */
  refundedAmount?: number;
  /** Paid orders: every refund and cancel, oldest first. */
  refunds?: RefundView[];
  /** Callback orders: the phone called, the dialling state and every dialled attempt. */
  callback?: CallbackView;
}

function cardView(row: Pick<OrderRow, 'card_masked' | 'card_bank' | 'card_kind'>): CardView | undefined {
  if (!row.card_masked) return undefined;
  return { masked: row.card_masked, bank: row.card_bank ?? '', kind: row.card_kind ?? '' };
}

function attemptView(row: AttemptRow): AttemptView {
  return {
    startedAt: row.started_at,
    ...(row.ended_at ? { endedAt: row.ended_at } : {}),
    outcome: row.outcome as AttemptOutcome,
    ...(row.card_masked ? { card: cardView(row) } : {}),
    ...(row.decline_reason ? { declineReason: row.decline_reason } : {}),
  };
}

export function toOrderView(
  row: OrderRow,
  attempts: AttemptRow[],
  callback?: CallbackView,
  refunds: RefundRow[] = [],
): OrderView {
  return {
    id: row.id,
    merchantOrderId: row.merchant_order_id,
    amount: Number(row.amount),
    currency: row.currency,
    description: row.description,
    mode: row.mode,
    status: viewStatus(row),
    ...(row.pay_code ? { payCode: row.pay_code } : {}),
    expiresAt: row.expires_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    ...(row.card_masked ? { card: cardView(row) } : {}),
    ...(row.decline_reason ? { declineReason: row.decline_reason } : {}),
    ...(row.notify_url ? { notifyUrl: row.notify_url } : {}),
    ...(row.language ? { language: row.language } : {}),
    attempts: attempts.map(attemptView),
    ...(row.status === 'paid' ? { refundedAmount: Number(row.refunded_amount ?? 0), refunds: refunds.map(toRefundView) } : {}),
    ...(callback ? { callback } : {}),
  };
}
