import { z } from 'zod';

export const MAX_REFUND_REASON_LENGTH = 256;

const amountMessage = 'must be a positive integer (fen)';
const reasonMessage = `is required: 1 to ${MAX_REFUND_REASON_LENGTH} characters`;

/** A merchant's refund of a paid order, as `POST /v1/orders/:id/refunds` takes it (the route and the service share it). */
export const newRefundSchema = z.strictObject(
  {
    amount: z
      .number({ error: amountMessage })
      .int({ error: amountMessage })
      // No upper bound here: what is left of the order's payment bounds it (refund_exceeds_remaining).
      .min(1, { error: amountMessage }),
    reason: z
      .string({ error: reasonMessage })
      .trim()
      .min(1, { error: reasonMessage })
      .max(MAX_REFUND_REASON_LENGTH, { error: `must be at most ${MAX_REFUND_REASON_LENGTH} characters` }),
  },
  { error: 'the body must be a JSON object with amount and reason only' },
);

export type NewRefundInput = z.input<typeof newRefundSchema>;
