import { OpenAPIRegistry, OpenApiGeneratorV3 } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import {
  agentCaptureRequestSchema,
  bankSchema,
  captureEventSchema,
  captureViewSchema,
  cancelOrderSchema,
  errorSchema,
  newOrderDocSchema,
  newRefundDocSchema,
  orderSchema,
  refundEventSchema,
  refundSchema,
  settlementLineSchema,
  settlementLinesQuerySchema,
  settlementSchema,
  settlementsQuerySchema,
} from './api-schemas';
import { IDEMPOTENCY_HEADER } from './idempotency';
import { SIGNATURE_HEADER, SIGNATURE_TOLERANCE_SECONDS } from './request-signature';

const json = (schema: z.ZodType) => ({ content: { 'application/json': { schema } } });
const CSV_TEXT = 'UTF-8 with a byte-order mark, CRLF, every field quoted; amounts in fen';
const jsonOrCsv = (schema: z.ZodType) => ({
  content: { 'application/json': { schema }, 'text/csv': { schema: z.string().meta({ description: CSV_TEXT }) } },
});
const idParams = z.object({ id: z.string().meta({ example: 'ord_5f0c2a9b7e3d1c4a8b6f' }) });

function errors(...statuses: number[]) {
  const text: Record<number, string> = {
    400: 'invalid fields (`fields` names each one)',
    401: 'no or bad API key, or a missing or bad request signature',
    404: 'no such order or settlement (also for another merchant’s)',
    409: 'conflict: an Idempotency-Key in flight, a reused merchantOrderId, or an order that cannot change (not paid, for a refund)',
    413: 'the body is over 16 kB',
    422: 'the Idempotency-Key was used with another request, or a refund above what is left of the payment (`fields.amount`)',
    429: 'rate limit reached (see Retry-After)',
    503: 'nothing was done: send the same request again after Retry-After (`store_unavailable`: the database cannot be reached)',
  };
  return Object.fromEntries([401, 429, 503, ...statuses].map((s) => [s, { description: text[s], ...json(errorSchema) }]));
}

const SIGNATURE_TEXT =
  `Required when the merchant has a signing certificate: \`t=<unix seconds>,sig=<base64>\`, the RSA-SHA256 ` +
  `signature of \`<t>.<METHOD>.<path and query>.<raw body>\` with the certificate's key; accepted within ` +
  `${SIGNATURE_TOLERANCE_SECONDS} s of the server's clock.`;

const IDEMPOTENCY_TEXT =
  'Up to 255 characters, unique per operation (a UUID). Kept 24 h per merchant: the same key and body replay ' +
  'the first answer (header `Idempotent-Replayed: true`); another body → 422; while the first request runs → ' +
  '409. Answers 400 are not kept.';

const header = (name: string, description: string, schema: z.ZodString) =>
  schema.optional().meta({ param: { name, in: 'header', description } });

function headers(post: boolean) {
  const signature = header(SIGNATURE_HEADER, SIGNATURE_TEXT, z.string());
  return post ? [header(IDEMPOTENCY_HEADER, IDEMPOTENCY_TEXT, z.string().min(1).max(255)), signature] : [signature];
}

function registerPaths(registry: OpenAPIRegistry): void {
  registry.registerPath({
    method: 'post',
    path: '/v1/orders',
    summary: 'Create an order; the cardholder pays it by phone with its pay code',
    request: { headers: headers(true), body: { required: true, ...json(newOrderDocSchema) } },
    responses: { 201: { description: 'the order, with its pay code', ...json(orderSchema) }, ...errors(400, 409, 413, 422) },
  });
  registry.registerPath({
    method: 'get',
    path: '/v1/orders/{id}',
    summary: 'One of the merchant’s orders, with its attempts',
    request: { params: idParams, headers: headers(false) },
    responses: { 200: { description: 'the order', ...json(orderSchema) }, ...errors(404) },
  });
  registry.registerPath({
    method: 'post',
    path: '/v1/orders/{id}/cancel',
    summary: 'Cancel an order that can still be paid; its pay code stops working',
    request: { params: idParams, headers: headers(true), body: { required: false, ...json(cancelOrderSchema) } },
    responses: { 200: { description: 'the cancelled order', ...json(orderSchema) }, ...errors(400, 404, 409, 422) },
  });
  registry.registerPath({
    method: 'post',
    path: '/v1/orders/{id}/refunds',
    summary: 'Refund part or all of a paid order (a same-day cancel when it is the whole payment before the cut-off)',
    description:
      'Idempotency-Key is required. The refunds of an order never add up to more than it was paid, even when sent ' +
      'at once. The answer comes once the acquirer decided, or with state `pending` after a few seconds; ' +
      '`GET /v1/orders/{id}` and the events `refund.succeeded` / `refund.failed` (schema RefundEvent) tell the outcome.',
    request: {
      params: idParams,
      headers: [
        // Required here (money goes out): not optional, unlike the other POSTs.
        z
          .string()
          .min(1)
          .max(255)
          .meta({ param: { name: IDEMPOTENCY_HEADER, in: 'header', description: `Required. ${IDEMPOTENCY_TEXT}` } }),
        ...headers(false),
      ],
      body: { required: true, ...json(newRefundDocSchema) },
    },
    responses: { 201: { description: 'the refund', ...json(refundSchema) }, ...errors(400, 404, 409, 413, 422) },
  });
  registry.registerPath({
    method: 'post',
    path: '/v1/orders/{id}/agent-capture',
    summary: 'Start an agent-assisted capture of the order on an assisted call (the cardholder keys, the agent never hears it)',
    description:
      'The call is one of the merchant’s agent-assisted calls (README, “Agent-assisted payments”), named by the ' +
      'cardholder’s channel id. The cardholder hears the IVR’s prompts for the card and keys it while the agent ' +
      'stays on the line; progress and the result go out as the events capture.field_completed, capture.completed ' +
      'and capture.failed (schema CaptureEvent). 404 for another merchant’s call or order; 409 when a capture ' +
      'already runs on the call, the call has ended, or the order cannot be paid now.',
    request: { params: idParams, headers: headers(true), body: { required: true, ...json(agentCaptureRequestSchema) } },
    responses: {
      201: { description: 'the capture as it starts', ...json(captureViewSchema) },
      ...errors(400, 404, 409, 413, 422),
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/v1/banks',
    summary: 'Issuer banks and whether their cards can pay now',
    request: { headers: headers(false) },
    responses: {
      200: { description: 'the banks', ...json(z.object({ banks: z.array(bankSchema) })) },
      ...errors(),
    },
  });
  registerSettlementPaths(registry);
}

function registerSettlementPaths(registry: OpenAPIRegistry): void {
  registry.registerPath({
    method: 'get',
    path: '/v1/settlements',
    summary: 'The merchant’s settlement statement of a date (T+1: it covers the business day before, Beijing)',
    request: { query: settlementsQuerySchema, headers: headers(false) },
    responses: {
      200: {
        description: 'the batches of that date (none before the day is settled); CSV with `format=csv` or `Accept: text/csv`',
        ...jsonOrCsv(z.object({ settlements: z.array(settlementSchema) })),
      },
      ...errors(400),
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/v1/settlements/{id}/lines',
    summary: 'A statement with its journal lines: payments, refunds and each fee',
    request: {
      params: z.object({ id: z.string().meta({ example: 'stl_5f0c2a9b7e3d1c4a8b6f' }) }),
      query: settlementLinesQuerySchema,
      headers: headers(false),
    },
    responses: {
      200: {
        description: 'the statement; CSV with `format=csv` or `Accept: text/csv`',
        ...jsonOrCsv(z.object({ settlement: settlementSchema, lines: z.array(settlementLineSchema) })),
      },
      ...errors(400, 404),
    },
  });
}

/** The merchant API's OpenAPI 3 document, generated from the zod schemas the API validates with. */
export function buildOpenApiDocument(): ReturnType<OpenApiGeneratorV3['generateDocument']> {
  const registry = new OpenAPIRegistry();
  const bearer = registry.registerComponent('securitySchemes', 'apiKey', {
    type: 'http',
    scheme: 'bearer',
    description: 'The API key printed by `npm run admin -- merchant create` (or `merchant rotate-key`).',
  });
  registerPaths(registry);
  // Webhook payloads are not operations of this API (OpenAPI 3.0 has no webhooks): a named schema only.
  const events = [refundEventSchema, captureEventSchema].map((schema) => ({ type: 'schema' as const, schema }));
  return new OpenApiGeneratorV3([...registry.definitions, ...events]).generateDocument({
    openapi: '3.0.3',
    info: {
      title: 'ivrpay merchant API',
      version: '1.0.0',
      description:
        'Orders paid by phone (UnionPay IVR). Money is integer fen. Every error has the shape ' +
        '`{"error": {"code", "message", "fields"?}}`.',
    },
    security: [{ [bearer.name]: [] }],
  });
}
