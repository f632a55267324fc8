import type { CaptureView, FieldProgress } from './agent-desk';
import type { CaptureEventType } from './capture-notifier';
import { maskPan } from '../domain/mask';
import type { OrderRow } from '../store/rows';

/** What a merchant's notify URL receives about an agent-assisted capture: names, states and a masked card only. */
export interface CaptureEvent {
  id: string;
  type: CaptureEventType;
  createdAt: string;
  data: {
    captureId: string;
    callId: string;
    orderId: string;
    merchantOrderId: string;
    state: CaptureView['state'];
    reason?: string;
    /** capture.field_completed: the field that became valid or invalid. */
    field?: FieldProgress;
    fields: FieldProgress[];
  };
}

/** At most BIN and last four, whatever reached it. */
function safeMask(masked: string): string {
  const digits = masked.replace(/[^0-9]/g, '');
  return digits.length <= 10 ? masked : maskPan(digits);
}

/** Field by field, so nothing added to FieldProgress later reaches merchants unseen. */
function safeField(f: FieldProgress): FieldProgress {
  return {
    field: f.field,
    state: f.state,
    ...(f.field === 'card' && f.digitCount !== undefined ? { digitCount: f.digitCount } : {}),
    ...(f.field === 'card' && f.masked !== undefined ? { masked: safeMask(f.masked) } : {}),
    ...(f.field === 'card' && f.bank !== undefined ? { bank: f.bank } : {}),
  };
}

export function buildCaptureEvent(
  order: Pick<OrderRow, 'id' | 'merchant_order_id'>,
  type: CaptureEventType,
  callId: string,
  capture: CaptureView,
  field: FieldProgress | undefined,
  eventId: string,
  at: Date,
): CaptureEvent {
  return {
    id: eventId,
    type,
    createdAt: at.toISOString(),
    data: {
      captureId: capture.captureId,
      callId,
      orderId: order.id,
      merchantOrderId: order.merchant_order_id,
      state: capture.state,
      ...(capture.reason !== undefined ? { reason: capture.reason } : {}),
      ...(field ? { field: safeField(field) } : {}),
      fields: capture.fields.map(safeField),
    },
  };
}
