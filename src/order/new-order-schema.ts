import { z } from 'zod';
import { parsePhoneNumber } from '../callback/phone-number';
import { LANGUAGES } from '../domain/language';

export const MAX_AMOUNT_FEN = 99_999_999_999;
export const MIN_EXPIRES_SECONDS = 60;
export const MAX_EXPIRES_SECONDS = 30 * 86_400;

const amountMessage = 'must be a positive integer (fen)';
const merchantOrderIdMessage = 'must be 1 to 64 visible ASCII characters';
const expiresMessage = `must be an integer from ${MIN_EXPIRES_SECONDS} to ${MAX_EXPIRES_SECONDS} (seconds)`;
const callAfterMessage = 'must be an ISO 8601 date-time with a time zone, e.g. 2026-03-01T10:00:00+08:00';
const notifyUrlMessage = 'must be an http or https URL of at most 2048 characters';
const languageMessage = "must be 'zh' (Mandarin) or 'en' (English)";

/** A merchant's new order, as `POST /v1/orders` takes it (the HTTP route and the service share it). */
export const newOrderSchema = z
  .object(
    {
      merchantOrderId: z.string({ error: merchantOrderIdMessage }).regex(/^[\x21-\x7e]{1,64}$/, merchantOrderIdMessage),
      amount: z
        .number({ error: amountMessage })
        .int({ error: amountMessage })
        .min(1, { error: amountMessage })
        .max(MAX_AMOUNT_FEN, { error: `must be at most ${MAX_AMOUNT_FEN} (fen)` }),
      currency: z.literal('CNY', { error: 'must be CNY' }).default('CNY'),
      description: z.string({ error: 'must be a string' }).max(128, { error: 'must be at most 128 characters' }).default(''),
      // inbound: the cardholder calls in with the pay code; callback: the platform calls `phone`.
      mode: z.enum(['inbound', 'callback'], { error: "must be 'inbound' or 'callback'" }).default('inbound'),
      // A mainland mobile or landline with its area code; the message says what is wrong, never echoing the input.
      phone: z
        .string({ error: 'must be a string' })
        .superRefine((phone, ctx) => {
          const parsed = parsePhoneNumber(phone);
          if (!parsed.ok) ctx.addIssue({ code: 'custom', message: parsed.message });
        })
        .optional(),
      // The earliest time to call (callback orders); calls happen within calling hours on or after it.
      callAfter: z.iso.datetime({ offset: true, error: callAfterMessage }).optional(),
      expiresInSeconds: z
        .number({ error: expiresMessage })
        .int({ error: expiresMessage })
        .min(MIN_EXPIRES_SECONDS, { error: expiresMessage })
        .max(MAX_EXPIRES_SECONDS, { error: expiresMessage })
        .optional(),
      // Where signed order events are POSTed. No user:password part: the signature is the authentication.
      notifyUrl: z
        .url({ protocol: /^https?$/, error: notifyUrlMessage })
        .max(2048, { error: notifyUrlMessage })
        .refine((url) => !/^[a-z]+:\/\/[^/?#]*@/i.test(url), { error: 'must not contain a user name or password' })
        .optional(),
      // The language of the order's calls; absent: the merchant's (README, "Language of a call").
      language: z.enum(LANGUAGES, { error: languageMessage }).optional(),
    },
    { error: 'the body must be a JSON object' },
  )
  .superRefine((order, ctx) => {
    if (order.mode === 'callback' && order.phone === undefined) {
      ctx.addIssue({ code: 'custom', path: ['phone'], message: 'is required for callback orders' });
    }
    if (order.mode === 'inbound') {
      for (const field of ['phone', 'callAfter'] as const) {
        if (order[field] !== undefined) ctx.addIssue({ code: 'custom', path: [field], message: 'only for callback orders' });
      }
    }
  });

export type NewOrderInput = z.input<typeof newOrderSchema>;
export type NewOrder = z.output<typeof newOrderSchema>;
