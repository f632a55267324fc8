import type { CaptureView, FieldProgress } from './agent-desk';

export type CaptureEventType = 'capture.field_completed' | 'capture.completed' | 'capture.failed';

/**
 * Tells the merchant's integration about a capture (README, "Webhooks"): signed webhooks through the outbox,
 * src/agent-assist/enqueue-capture-event.ts. Masked as the desk's views are; `field` for capture.field_completed only.
 */
export interface CaptureNotifier {
  notify(type: CaptureEventType, callId: string, capture: CaptureView, field?: FieldProgress): Promise<void>;
}
