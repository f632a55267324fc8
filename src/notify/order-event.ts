import { maskPan } from '../domain/mask';
import type { OrderRow } from '../store/rows';

export type OrderEventType =
  'order.paid' | 'order.declined' | 'order.abandoned' | 'order.expired' | 'order.cancelled' | 'order.unreachable';

/** What a merchant's notify URL receives. The card is the masked number, bank and kind: never more. */
export interface OrderEvent {
  id: string;
  type: OrderEventType;
  createdAt: string;
  data: {
    id: string;
    merchantOrderId: string;
    amount: number;
    currency: string;
    status: string;
    card?: { masked: string; bank: string; kind: string };
    declineReason?: string;
  };
}

type EventOrderFields = Pick<
  OrderRow,
  'id' | 'merchant_order_id' | 'amount' | 'currency' | 'status' | 'card_masked' | 'card_bank' | 'card_kind' | 'decline_reason'
>;

/** The stored value is already masked; should a full number ever reach that column, it still leaves masked. */
function safeMask(masked: string): string {
  return (masked.match(/[0-9]/g) ?? []).length <= 10 ? masked : maskPan(masked.replace(/[^0-9]/g, ''));
}

/** Builds the payload field by field, so a column added to orders later never reaches merchants unseen. */
export function buildOrderEvent(order: EventOrderFields, type: OrderEventType, eventId: string, at: Date): OrderEvent {
  return {
    id: eventId,
    type,
    createdAt: at.toISOString(),
    data: {
      id: order.id,
      merchantOrderId: order.merchant_order_id,
      amount: Number(order.amount),
      currency: order.currency,
      status: order.status,
      ...(order.card_masked
        ? { card: { masked: safeMask(order.card_masked), bank: order.card_bank ?? '', kind: order.card_kind ?? '' } }
        : {}),
      ...(order.decline_reason ? { declineReason: order.decline_reason } : {}),
    },
  };
}
