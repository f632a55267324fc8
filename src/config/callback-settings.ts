/** Settings of callback mode (回拨) and SMS reminders, part of Config (src/config/config.ts). */

export interface CallbackSettings {
  lines: {
    /** Channels the trunk carries at once, inbound and outbound together. */
    total: number;
    /** Most outbound callbacks at once. */
    maxOutbound: number;
    /** Lines outbound calls never take, so cardholders can always call in. */
    reservedInbound: number;
  };
  /** Outbound call starts a second, across the trunk. */
  callsPerSecond: number;
  ringTimeoutSec: number;
  /** ARI endpoint with {dial}: 'PJSIP/{dial}@carrier', or the sandbox's 'Local/{dial}@ivrpay-test-phones'. */
  endpoint: string;
  /** Caller ID of callbacks, e.g. '"Shop" <4008205588>'; unset: the trunk's default. */
  callerId?: string;
  /** Lifetime of a callback order when the merchant gives no expiresInSeconds: long enough for the redials. */
  orderExpiresSeconds: number;
  /** The trunk's own area code, with its 0. */
  homeAreaCode: string;
  mobileZeroOutOfArea: boolean;
  /** CSV of mobile segments (segment,areaCode); unset: the small sample table. */
  segmentsFile?: string;
}

export interface HttpSmsSettings {
  url: string;
  user?: string;
  password?: string;
  token?: string;
  /** Signs each request body (HMAC-SHA256) in a header the gateway can check. */
  signingSecret?: string;
  timeoutMs: number;
  /** Further tries of one send after a timeout or a temporary failure. */
  retries: number;
}

export interface SmsSettings {
  provider: 'outbox' | 'http';
  maxPerOrder: number;
  /** The number the reminder tells the cardholder to call (national form). */
  inboundNumber: string;
  /** The registered signature shown in 【】. */
  signature: string;
  /** How long after an inbound caller hangs up with the order unpaid their SMS is due (src/callback/abandoned-call-sms.ts). */
  abandonedCallDelayMs: number;
  http?: HttpSmsSettings;
}

/**
 * Problems between settings that each parse on their own, checked on the raw values (unset ones absent) so
 * they are listed with every other problem. Numbers that do not parse are left to the schema.
 */
export function callbackProblems(env: Record<string, string | undefined>): string[] {
  const problems: string[] = [];
  const total = Number(env.TRUNK_LINES ?? 30);
  const reserved = Number(env.CALLBACK_RESERVED_INBOUND_LINES ?? 5);
  if (Number.isInteger(total) && Number.isInteger(reserved) && reserved > total) {
    problems.push('CALLBACK_RESERVED_INBOUND_LINES: must not exceed TRUNK_LINES');
  }
  if (env.SMS_PROVIDER === 'http' && !env.SMS_HTTP_URL) problems.push('SMS_HTTP_URL: required when SMS_PROVIDER is http');
  return problems;
}
