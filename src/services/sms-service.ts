import { AppError } from '../domain/app-error';
import { nextAttemptAt } from '../notify/backoff';
import { SmsSendError, type SmsPort } from '../sms/sms-port';
import type { SmsRow, SmsStatus } from '../store/callback-rows';
import type { SendUpdate } from '../store/repositories/sms-repository';
import { PAYABLE_STATUSES } from '../domain/order-status';
import type { ServiceDeps } from './service-deps';

/** An SMS as admins see it. The text is the reminder template's: merchant, amount, pay code, inbound number. */
export interface SmsView {
  id: string;
  orderId: string;
  to: string;
  text: string;
  status: SmsStatus;
  attempts: number;
  providerId?: string;
  lastError?: string;
  createdAt: string;
  sentAt?: string;
}

export interface SmsFilter {
  orderId?: string;
  status?: SmsStatus;
  /** Newest first; 100 unless given. */
  limit?: number;
}

export interface SmsRun {
  sent: number;
  /** Queued again: a send that failed for now, or one held while its order is being paid in a call. */
  retrying: number;
  failed: number;
}

export interface SmsService {
  /** Sends every queued SMS that is due (in parallel, up to the batch) and records each outcome. */
  sendDue(): Promise<SmsRun>;
  listSms(filter?: SmsFilter): Promise<SmsView[]>;
  /** Queues the same SMS again, whatever its status (same id, so the per-order cap is unchanged); `not_found`. */
  resend(smsId: string): Promise<SmsView>;
}

export interface SmsServiceDeps extends ServiceDeps {
  sms: SmsPort;
  /** Sends per message before it is `failed`. */
  maxAttempts?: number;
  batchSize?: number;
  leaseMs?: number;
  random?: () => number;
}

function toView(row: SmsRow): SmsView {
  return {
    id: row.id,
    orderId: row.order_id,
    to: row.to,
    text: row.text,
    status: row.status,
    attempts: row.attempts,
    ...(row.provider_id ? { providerId: row.provider_id } : {}),
    ...(row.last_error ? { lastError: row.last_error } : {}),
    createdAt: row.created_at,
    ...(row.sent_at ? { sentAt: row.sent_at } : {}),
  };
}

/** How long an SMS whose order is being paid in a call waits before it is looked at again. */
const IN_CALL_RECHECK_MS = 60_000;

export function createSmsService(deps: SmsServiceDeps): SmsService {
  const { store } = deps;
  const maxAttempts = deps.maxAttempts ?? 5;
  const leaseMs = deps.leaseMs ?? 5 * 60_000;
  const random = deps.random ?? Math.random;

  async function sendOne(row: SmsRow, token: string): Promise<keyof SmsRun> {
    const attempts = row.attempts + 1;
    const record = (update: SendUpdate) => store.sms.recordSend(row.id, token, update);
    // A reminder to pay an order that is paid (or over) by now would only confuse the cardholder.
    const order = await store.orders.status(row.order_id);
    const expired = order !== undefined && Date.parse(order.expires_at) <= deps.now().getTime();
    if (!order || expired || (!PAYABLE_STATUSES.includes(order.status) && order.status !== 'in_call')) {
      const status = expired ? 'expired' : (order?.status ?? 'gone');
      await record({ attempts: row.attempts, status: 'failed', last_error: `not sent: the order is ${status}` });
      const reason = status === 'paid' ? 'order_paid' : 'order_not_payable';
      deps.log.info({ smsId: row.id, orderId: row.order_id, reason, status }, 'SMS not sent: the order cannot be paid now');
      return 'failed';
    }
    if (order.status === 'in_call') {
      // The cardholder is paying on the phone right now: a reminder to pay would cross it. Not an attempt.
      const later = new Date(deps.now().getTime() + IN_CALL_RECHECK_MS).toISOString();
      await record({ attempts: row.attempts, status: 'queued', next_attempt_at: later });
      deps.log.info({ smsId: row.id, orderId: row.order_id }, 'SMS held: the order is in a call');
      return 'retrying';
    }
    try {
      const receipt = await deps.sms.send({ to: row.to, text: row.text, reference: row.id });
      const now = deps.now();
      await record({
        attempts,
        status: 'sent',
        provider_id: receipt.providerId || null,
        sent_at: now.toISOString(),
        last_error: null,
      });
      return 'sent';
    } catch (err) {
      const permanent = err instanceof SmsSendError && err.permanent;
      const error = err instanceof Error ? err.message.slice(0, 300) : 'send failed';
      const givesUp = permanent || attempts >= maxAttempts;
      const next = nextAttemptAt(attempts, deps.now(), random).toISOString();
      await record({ attempts, status: givesUp ? 'failed' : 'queued', next_attempt_at: next, last_error: error });
      const fields = { smsId: row.id, orderId: row.order_id, attempt: attempts, error };
      if (givesUp) deps.log.error(fields, 'SMS failed; giving up');
      else deps.log.warn(fields, 'SMS not sent; will retry');
      return givesUp ? 'failed' : 'retrying';
    }
  }

  return {
    async sendDue() {
      const run: SmsRun = { sent: 0, retrying: 0, failed: 0 };
      // One UPDATE leases the due rows, so two senders never send one SMS twice at once.
      const { rows, leaseToken } = await store.sms.claimDue(deps.now(), leaseMs, deps.batchSize ?? 20);
      await Promise.all(rows.map(async (row) => (run[await sendOne(row, leaseToken)] += 1)));
      return run;
    },

    async listSms(filter = {}) {
      const rows = await store.sms.list({ orderId: filter.orderId, status: filter.status, limit: filter.limit ?? 100 });
      return rows.map(toView);
    },

    async resend(smsId) {
      // The lease stays: a send in progress finishes first, and its outcome is then overwritten by this queueing.
      const row = (await store.sms.requeue(smsId, deps.now().toISOString())) ? await store.sms.find(smsId) : undefined;
      if (!row) throw new AppError('not_found', `sms ${smsId} not found`);
      deps.log.info({ smsId }, 'SMS resend requested');
      return toView(row);
    },
  };
}
