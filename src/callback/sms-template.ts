import { AppError } from '../domain/app-error';

export interface SmsReminderInput {
  merchantName: string;
  /** Integer fen, as everywhere in the API. */
  amountFen: number;
  payCode: string;
  /** The inbound number to call, in national form (e.g. 4008205588, 02112345678). */
  inboundNumber: string;
  /** The registered SMS signature shown in 【】; defaults to ivrpay. */
  signature?: string;
}

export interface SmsText {
  text: string;
  /** How many SMS it is billed as (see smsSegments). */
  segments: number;
}

/** Chinese SMS go as UCS-2: 70 characters fit one message; a longer one is split into parts of 67. */
const SINGLE_SMS_CHARS = 70;
const LONG_SMS_PART_CHARS = 67;
/** A card number is 13 to 19 digits; a national phone number is at most 12. */
const CARD_LIKE_RUN = /\d{13,}/;

/**
 * The Mandarin reminder to a cardholder who did not finish paying, e.g.
 * 【ivrpay】您在某商户的订单待支付123.45元，请拨打4008205588并输入支付码583920完成支付。
 * Throws `validation_failed` if the text would hold 13 or more digits in a row (spaces and hyphens ignored):
 * that may be a card number, which must never be sent by SMS.
 */
export function smsReminder(input: SmsReminderInput): SmsText {
  if (!Number.isSafeInteger(input.amountFen) || input.amountFen <= 0) {
    throw new AppError('validation_failed', 'amount must be a positive integer (fen)', { amountFen: 'positive integer' });
  }
  if (!/^\d{4,12}$/.test(input.payCode)) {
    throw new AppError('validation_failed', 'pay code must be 4 to 12 digits', { payCode: '4 to 12 digits' });
  }
  const inbound = input.inboundNumber.trim();
  if (!/^\d{5,12}$/.test(inbound)) {
    throw new AppError('validation_failed', 'inbound number must be 5 to 12 digits', { inboundNumber: '5 to 12 digits' });
  }
  const merchant = withoutBrackets(input.merchantName.trim());
  if (merchant === '') throw new AppError('validation_failed', 'merchant name is required', { merchantName: 'required' });
  const signature = withoutBrackets(input.signature ?? 'ivrpay');
  const text =
    `【${signature}】您在${merchant}的订单待支付${yuan(input.amountFen)}元，` +
    `请拨打${inbound}并输入支付码${input.payCode}完成支付。`;
  if (CARD_LIKE_RUN.test(text.replace(/[\s-]/g, ''))) {
    // The message names no field and shows no digits: the offending run may be a card number.
    throw new AppError('validation_failed', 'SMS text refused: it holds a run of 13 or more digits, possibly a card number');
  }
  return { text, segments: smsSegments(text) };
}

/** How many SMS a text is billed as; UTF-16 units, since characters outside the BMP take two in UCS-2. */
export function smsSegments(text: string): number {
  if (text.length <= SINGLE_SMS_CHARS) return 1;
  return Math.ceil(text.length / LONG_SMS_PART_CHARS);
}

/** 12345 fen → '123.45', in integers so no float rounding creeps in. */
function yuan(fen: number): string {
  return `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;
}

/** Carriers read 【…】 as the signature; one inside a merchant name could pass for another sender's. */
function withoutBrackets(s: string): string {
  return s.replace(/[【】]/g, '');
}
