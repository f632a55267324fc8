import type { Logger } from 'pino';
import type { HttpSmsSettings } from '../config/callback-settings';
import { signatureHeader } from '../notify/signature-header';
import { maskPhone, SmsSendError, type SmsPort, type SmsReceipt } from './sms-port';

export interface HttpSmsDeps extends HttpSmsSettings {
  log: Logger;
  now: () => Date;
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

const BACKOFF_BASE_MS = 500;
const REFUSED = new Set(['failed', 'rejected', 'error', 'undeliverable', 'blocked']);
/** Answers that may succeed later: timeout, too early, throttled. Other 4xx are refusals. */
const TEMPORARY_4XX = new Set([408, 425, 429]);

type Attempt = { ok: true; receipt: SmsReceipt } | { ok: false; permanent: boolean; error: string };

/**
 * The production SMS provider: POSTs `{"to","text","reference"}` as JSON to the gateway (SMS_HTTP_URL) with Basic
 * or Bearer credentials and, when a signing secret is set, an `Ivrpay-Signature: t=…,v1=<HMAC-SHA256 of "t.body">`
 * header. A 2xx answer whose `status` is not a refusal is taken as sent (`id` or `messageId` is the provider id);
 * timeouts, 408/425/429 and 5xx are tried again with backoff, other answers are refusals (SmsSendError permanent).
 */
export function createHttpSms(deps: HttpSmsDeps): SmsPort {
  const send = deps.fetch ?? fetch;
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const random = deps.random ?? Math.random;

  function headers(body: string, reference?: string): Record<string, string> {
    const h: Record<string, string> = { 'Content-Type': 'application/json', 'User-Agent': 'ivrpay-sms/1' };
    if (deps.token) h.Authorization = `Bearer ${deps.token}`;
    else if (deps.user) h.Authorization = `Basic ${Buffer.from(`${deps.user}:${deps.password ?? ''}`).toString('base64')}`;
    if (deps.signingSecret) {
      h['Ivrpay-Signature'] = signatureHeader([deps.signingSecret], Math.floor(deps.now().getTime() / 1000), body);
    }
    if (reference) h['Idempotency-Key'] = reference;
    return h;
  }

  async function once(body: string, reference?: string): Promise<Attempt> {
    let response: Response;
    try {
      response = await send(deps.url, {
        method: 'POST',
        headers: headers(body, reference),
        body,
        redirect: 'manual',
        signal: AbortSignal.timeout(deps.timeoutMs),
      });
    } catch (err) {
      const timedOut = err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError');
      return { ok: false, permanent: false, error: timedOut ? `timeout after ${deps.timeoutMs} ms` : 'network error' };
    }
    const answer = await readJson(response);
    if (response.status >= 200 && response.status < 300) {
      const status = typeof answer.status === 'string' ? answer.status.toLowerCase() : '';
      if (REFUSED.has(status)) return { ok: false, permanent: true, error: `refused: ${reasonOf(answer) || status}` };
      const id = answer.id ?? answer.messageId ?? answer.msgId;
      return { ok: true, receipt: { providerId: typeof id === 'string' || typeof id === 'number' ? String(id) : '' } };
    }
    const permanent = response.status < 500 && !TEMPORARY_4XX.has(response.status);
    return { ok: false, permanent, error: `HTTP ${response.status}${reasonOf(answer) ? `: ${reasonOf(answer)}` : ''}` };
  }

  return {
    async send(message) {
      const body = JSON.stringify({
        to: message.to,
        text: message.text,
        ...(message.reference ? { reference: message.reference } : {}),
      });
      let last: Attempt | undefined;
      for (let attempt = 0; attempt <= deps.retries; attempt++) {
        if (attempt > 0) await sleep(Math.round(BACKOFF_BASE_MS * 2 ** (attempt - 1) * (0.5 + random())));
        last = await once(body, message.reference);
        if (last.ok) {
          deps.log.info({ providerId: last.receipt.providerId, to: maskPhone(message.to) }, 'SMS sent');
          return last.receipt;
        }
        if (last.permanent) break;
      }
      const failure = last as Extract<Attempt, { ok: false }>;
      throw new SmsSendError(`SMS gateway: ${failure.error}`, failure.permanent);
    },
  };
}

async function readJson(response: Response): Promise<Record<string, unknown>> {
  try {
    const parsed: unknown = JSON.parse(await response.text());
    return parsed !== null && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** The gateway's own reason, short, with long digit runs removed (never echo what may be a card number). */
function reasonOf(answer: Record<string, unknown>): string {
  const reason = answer.error ?? answer.message ?? answer.reason;
  return typeof reason === 'string' ? reason.replace(/\d{13,}/g, '…').slice(0, 200) : '';
}
