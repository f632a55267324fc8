import { z } from 'zod';
import { LANGUAGES } from '../domain/language';
import { newOrderSchema } from '../order/new-order-schema';
import { ORDER_VIEW_STATUSES } from '../order/order-view';
import { newRefundSchema } from '../refund/new-refund-schema';

// `meta({ id })` names a schema in the OpenAPI document's components (zod's global registry, so once per process).

/** `POST /v1/orders` validates with the service's own schema; this is the same schema, named. */
export const newOrderDocSchema = newOrderSchema.meta({ id: 'NewOrder' });

/** `POST /v1/orders/:id/refunds` validates with the refund service's own schema; this is the same schema, named. */
export const newRefundDocSchema = newRefundSchema.meta({ id: 'NewRefund' });

/** `POST /v1/orders/:id/cancel` takes no fields: an empty object, or no body at all. */
export const cancelOrderSchema = z
  .strictObject({}, { error: 'the body must be an empty JSON object (no fields)' })
  .meta({ id: 'CancelOrder' });

// The answers below are described for the OpenAPI document; the services build them (order-view.ts).

const cardSchema = z.object({
  masked: z.string().meta({ description: 'first 6 and last 4 digits at most', example: '621626******0018' }),
  bank: z.string(),
  kind: z.string().meta({ example: 'debit' }),
});

const attemptSchema = z.object({
  startedAt: z.string(),
  endedAt: z.string().optional(),
  outcome: z.enum(['in_call', 'paid', 'declined', 'abandoned']),
  card: cardSchema.optional(),
  declineReason: z.string().optional(),
});

const callbackSchema = z.object({
  phone: z.string().meta({ description: 'national form', example: '13552535506' }),
  state: z.enum(['scheduled', 'dialing', 'done', 'unreachable', 'cancelled']),
  callAfter: z.string().optional(),
  nextCallAt: z.string().optional().meta({ description: 'while a call is still to come' }),
  attemptsMade: z.number().int(),
  attempts: z.array(
    z.object({
      startedAt: z.string(),
      endedAt: z.string().optional(),
      outcome: z.string().meta({ example: 'busy' }),
      cause: z.number().int().optional().meta({ description: 'Q.850 hang-up cause', example: 17 }),
      durationSeconds: z.number().optional(),
    }),
  ),
});

export const refundSchema = z
  .object({
    id: z.string().meta({ example: 'rfd_9a1c2b3d4e5f60718293' }),
    orderId: z.string(),
    kind: z.enum(['cancel', 'refund']).meta({
      description:
        'cancel: the whole payment, on its Beijing day before the acquirer’s cut-off (UnionPay 31); refund: any other (04)',
    }),
    amount: z.number().int().meta({ description: 'fen' }),
    currency: z.literal('CNY'),
    reason: z.string(),
    state: z.enum(['pending', 'succeeded', 'failed', 'unknown']).meta({
      description:
        'pending: sent, awaiting the acquirer’s word; unknown: no word after every query, the daily reconciliation decides; ' +
        'failed releases the amount for another refund',
    }),
    responseCode: z.string().optional().meta({ description: 'the acquirer’s code', example: '00' }),
    failureReason: z.enum(['refused', 'acquirer_unavailable', 'not_found']).optional(),
    createdAt: z.string(),
    updatedAt: z.string(),
    resolvedAt: z.string().optional().meta({ description: 'when it became succeeded or failed' }),
  })
  .meta({ id: 'Refund' });

/** What the merchant's notify URL receives about a refund (`refund.succeeded`, `refund.failed`), signed as order events. */
export const refundEventSchema = z
  .object({
    id: z.string().meta({ example: 'evt_5f0c2a9b7e3d1c4a8b6f' }),
    type: z.enum(['refund.succeeded', 'refund.failed']),
    createdAt: z.string(),
    data: z.object({
      id: z.string(),
      orderId: z.string(),
      merchantOrderId: z.string(),
      kind: z.enum(['cancel', 'refund']),
      amount: z.number().int(),
      currency: z.literal('CNY'),
      reason: z.string(),
      state: z.enum(['succeeded', 'failed']),
      failureReason: z.string().optional(),
      orderAmount: z.number().int().meta({ description: 'what the order was paid (fen)' }),
      orderRefundedAmount: z.number().int().meta({ description: 'refunded for good so far, this refund included (fen)' }),
    }),
  })
  .meta({ id: 'RefundEvent' });

export const orderSchema = z
  .object({
    id: z.string().meta({ example: 'ord_5f0c2a9b7e3d1c4a8b6f' }),
    merchantOrderId: z.string(),
    amount: z.number().int().meta({ description: 'fen' }),
    currency: z.literal('CNY'),
    description: z.string(),
    mode: z.enum(['inbound', 'callback']),
    status: z.enum(ORDER_VIEW_STATUSES as [string, ...string[]]).meta({
      description: 'a paid order with money refunded for good reads partially_refunded or refunded; it is never payable again',
    }),
    payCode: z.string().optional().meta({ description: 'while the order can be paid', example: '583920' }),
    expiresAt: z.string(),
    createdAt: z.string(),
    updatedAt: z.string(),
    card: cardSchema.optional(),
    declineReason: z.string().optional(),
    language: z
      .enum(LANGUAGES)
      .optional()
      .meta({ description: "the language of the order's calls, when the merchant gave one (else the merchant's default)" }),
    attempts: z.array(attemptSchema),
    refundedAmount: z.number().int().optional().meta({ description: 'paid orders: fen refunded for good' }),
    refunds: z.array(refundSchema).optional().meta({ description: 'paid orders: every refund and cancel, oldest first' }),
    callback: callbackSchema.optional().meta({ description: 'callback orders: the dialling and every dialled attempt' }),
  })
  .meta({ id: 'Order' });

export const bankSchema = z
  .object({
    code: z.string(),
    nameZh: z.string(),
    nameEn: z.string(),
    status: z.enum(['supported', 'coming_soon', 'disabled']),
  })
  .meta({ id: 'Bank' });

export const errorSchema = z
  .object({
    error: z.object({
      code: z.string().meta({ example: 'validation_failed' }),
      message: z.string(),
      fields: z
        .record(z.string(), z.string())
        .optional()
        .meta({ example: { amount: 'must be a positive integer (fen)' } }),
    }),
  })
  .meta({ id: 'Error' });

// Settlement statements (issue 11 §3): queries validated here, answers built by src/settlement/settlement-view.ts.

const formatSchema = z
  .enum(['json', 'csv'])
  .optional()
  .meta({ description: 'csv: UTF-8 with BOM, CRLF (also `Accept: text/csv`)' });

export const settlementsQuerySchema = z.object({
  date: z
    .string({ error: 'is required: a settlement date YYYY-MM-DD' })
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD')
    .meta({ description: 'settlement date (the batch covers the business day before, T+1, Beijing)', example: '2026-03-02' }),
  format: formatSchema,
});

export const settlementLinesQuerySchema = z.object({ format: formatSchema });

const feesSchema = z.object({
  transaction: z.number().int(),
  communication: z.number().int(),
  annualService: z.number().int(),
  opening: z.number().int(),
  total: z.number().int(),
});

export const settlementSchema = z
  .object({
    id: z.string().meta({ example: 'stl_5f0c2a9b7e3d1c4a8b6f' }),
    merchantId: z.string(),
    merchantName: z.string(),
    settlementDate: z.string().meta({ example: '2026-03-02' }),
    businessDate: z.string().meta({ example: '2026-03-01' }),
    gross: z.number().int().meta({ description: 'fen paid (approved payments)' }),
    refunds: z.number().int().meta({ description: 'fen refunded (succeeded refunds and cancels)' }),
    fees: feesSchema.meta({ description: 'fen, by kind' }),
    net: z.number().int().meta({ description: 'gross − refunds − fees.total; negative when the merchant owes' }),
    createdAt: z.string(),
  })
  .meta({ id: 'Settlement' });

export const settlementLineSchema = z
  .object({
    kind: z.enum(['payment', 'refund', 'transaction_fee', 'communication_fee', 'annual_fee', 'opening_fee']),
    sourceId: z.string().meta({ description: 'the payment attempt, refund, call leg or fee period journaled' }),
    orderId: z.string().optional(),
    occurredAt: z.string(),
    debit: z.string().meta({ example: 'acquirer_clearing' }),
    credit: z.string().meta({ example: 'merchant_payable' }),
    amount: z.number().int().meta({ description: 'fen, never negative' }),
    memo: z.string(),
  })
  .meta({ id: 'SettlementLine' });

/** `POST /v1/orders/:id/agent-capture`: the assisted call (the cardholder's channel id) to capture the card on. */
export const agentCaptureRequestSchema = z
  .strictObject({
    callId: z
      .string({ error: 'must be the call id the agent page shows (the cardholder’s channel)' })
      .min(1, { error: 'must not be empty' })
      .max(128, { error: 'must be at most 128 characters' }),
  })
  .meta({ id: 'AgentCaptureRequest' });

const fieldProgressSchema = z.object({
  field: z.enum(['card', 'pin', 'expiry', 'cvn2', 'id', 'mobile', 'sms-code']),
  state: z.enum(['asking', 'entered', 'valid', 'invalid']),
  digitCount: z.number().int().optional().meta({ description: 'card only: digits keyed so far (never for the PIN)' }),
  masked: z
    .string()
    .optional()
    .meta({ description: 'card only, once complete: BIN and last four', example: '621626*********0018' }),
  bank: z.string().optional().meta({ description: 'card only, once complete: the issuing bank, when known' }),
});

const captureStates = ['collecting', 'submitting', 'paid', 'declined', 'failed', 'cancelled', 'abandoned'] as const;

export const captureViewSchema = z
  .object({
    captureId: z.string().meta({ example: 'cap_5f0c2a9b7e3d1c4a8b6f' }),
    orderId: z.string(),
    state: z.enum(captureStates),
    fields: z.array(fieldProgressSchema).meta({ description: 'in the order they were first asked' }),
    reason: z.string().optional().meta({
      description: 'once ended: approved, a decline reason, too_many_attempts, caller_hung_up, cancelled_by_agent, …',
    }),
  })
  .meta({ id: 'Capture' });

/** What the merchant's notify URL receives about an agent-assisted capture, signed as order events; masked. */
export const captureEventSchema = z
  .object({
    id: z.string().meta({ example: 'evt_5f0c2a9b7e3d1c4a8b6f' }),
    type: z.enum(['capture.field_completed', 'capture.completed', 'capture.failed']),
    createdAt: z.string(),
    data: z.object({
      captureId: z.string(),
      callId: z.string(),
      orderId: z.string(),
      merchantOrderId: z.string(),
      state: z.enum(captureStates),
      reason: z.string().optional(),
      field: fieldProgressSchema.optional().meta({ description: 'capture.field_completed: the field now valid or invalid' }),
      fields: z.array(fieldProgressSchema),
    }),
  })
  .meta({ id: 'CaptureEvent' });
