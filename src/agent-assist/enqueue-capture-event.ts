import type { CaptureNotifier } from './capture-notifier';
import type { Store } from '../store/store';
import { buildCaptureEvent } from './capture-event';
import { insertOutboxEvent } from '../notify/outbox-event';

/**
 * Agent-assisted capture events (capture.field_completed, capture.completed, capture.failed) into the outbox, to
 * the order's notify URL, delivered and signed as order events are (src/notify/deliver.ts). Nothing is queued
 * when the order has no notify URL.
 */
export function createCaptureNotifier(deps: { store: Store; now: () => Date }): CaptureNotifier {
  return {
    async notify(type, callId, capture, field) {
      const at = deps.now();
      const order = await deps.store.orders.find(capture.orderId);
      if (!order) return;
      // One insert: the event reports progress held in memory, so there is no change of ours to commit it with.
      await deps.store.groupWrite((on) =>
        insertOutboxEvent(on, order, type, at, (id) => buildCaptureEvent(order, type, callId, capture, field, id, at)),
      );
    },
  };
}
