import type { RefundKind, RefundRow, RefundState } from '../store/payment-rows';

/** A refund as merchants and admins see it (the merchant API's JSON, camelCase). No card data. */
export interface RefundView {
  id: string;
  orderId: string;
  /** cancel: same-day cancel of the whole payment; refund: a refund of part or all of it. */
  kind: RefundKind;
  amount: number;
  currency: 'CNY';
  reason: string;
  state: RefundState;
  /** The acquirer's code for it, once it answered. */
  responseCode?: string;
  /** Why it failed (refused, acquirer_unavailable, not_found). */
  failureReason?: string;
  createdAt: string;
  updatedAt: string;
  /** When it became succeeded or failed. */
  resolvedAt?: string;
}

export function toRefundView(row: RefundRow): RefundView {
  return {
    id: row.id,
    orderId: row.order_id,
    kind: row.kind,
    amount: Number(row.amount),
    currency: row.currency,
    reason: row.reason,
    state: row.state,
    ...(row.response_code ? { responseCode: row.response_code } : {}),
    ...(row.failure_reason ? { failureReason: row.failure_reason } : {}),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    ...(row.resolved_at ? { resolvedAt: row.resolved_at } : {}),
  };
}
