import type { AttemptRow, OrderRow } from '../store/rows';
import type { CallbackView } from '../callback/callback-view';
import type { AttemptOutcome, OrderMode, OrderStatus } from '../domain/order-status';

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
  status: OrderStatus;
  /** Present while a caller can still use it (the order is not paid, expired or cancelled). */
  payCode?: string;
  expiresAt: string;
  createdAt: string;
  updatedAt: string;
  card?: CardView;
  declineReason?: string;
  /** Where signed events about this order are sent. */
  notifyUrl?: string;
  attempts: AttemptView[];
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

export function toOrderView(row: OrderRow, attempts: AttemptRow[], callback?: CallbackView): OrderView {
  return {
    id: row.id,
    merchantOrderId: row.merchant_order_id,
    amount: Number(row.amount),
    currency: row.currency,
    description: row.description,
    mode: row.mode,
    status: row.status,
    ...(row.pay_code ? { payCode: row.pay_code } : {}),
    expiresAt: row.expires_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    ...(row.card_masked ? { card: cardView(row) } : {}),
    ...(row.decline_reason ? { declineReason: row.decline_reason } : {}),
    ...(row.notify_url ? { notifyUrl: row.notify_url } : {}),
    attempts: attempts.map(attemptView),
    ...(callback ? { callback } : {}),
  };
}
