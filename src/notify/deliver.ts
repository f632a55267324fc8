import type { Logger } from 'pino';
import type { NotificationRow } from '../store/notification-rows';
import type { Store } from '../store/store';
import { nextAttemptAt } from './backoff';
import { postWebhook, type PostOutcome } from './post-webhook';
import type { SecretBox } from './secret-box';
import { signatureHeader } from './signature-header';
import type { WebhookTargetCheck } from './webhook-target';
import { createWebhookSecrets } from './webhook-secrets';

export interface DelivererDeps {
  store: Store;
  log: Logger;
  now: () => Date;
  /** Opens the merchants' webhook secrets (the box built from SECRETS_KEY). */
  secretBox: SecretBox;
  /** Per POST; 10 s unless given. */
  timeoutMs?: number;
  /** How long a claimed row is reserved for this deliverer; well above `timeoutMs`. */
  leaseMs?: number;
  /** Rows per run. */
  batchSize?: number;
  random?: () => number;
  fetch?: typeof fetch;
  /** Refuses URLs that reach this machine or private networks (webhook-target.ts); every URL goes when absent. */
  checkTarget?: WebhookTargetCheck;
}

export interface DeliveryRun {
  delivered: number;
  retrying: number;
  failed: number;
}

export interface NotificationDeliverer {
  /**
   * Sends every due notification once (in parallel, up to the batch size) and records each outcome; an order's
   * later event goes in a later round of the same run, once the earlier one has been tried (claimDue).
   */
  deliverDue(): Promise<DeliveryRun>;
}

const MAX_ROUNDS = 10;

export function createNotificationDeliverer(deps: DelivererDeps): NotificationDeliverer {
  const { store } = deps;
  const timeoutMs = deps.timeoutMs ?? 10_000;
  const leaseMs = deps.leaseMs ?? Math.max(60_000, timeoutMs * 3);
  const random = deps.random ?? Math.random;
  const secrets = createWebhookSecrets({ store, box: deps.secretBox, now: deps.now });

  async function send(row: NotificationRow): Promise<PostOutcome> {
    let signingSecrets: string[];
    try {
      signingSecrets = await secrets.signingSecrets(row.merchant_id);
    } catch (err) {
      return { ok: false, error: `cannot open the webhook secret: ${err instanceof Error ? err.message : String(err)}` };
    }
    // Never sent unsigned: the merchant could not tell it from a forgery.
    if (signingSecrets.length === 0)
      return { ok: false, error: 'the merchant has no webhook secret (merchant rotate-webhook-secret)' };
    const refused = await deps.checkTarget?.(row.url);
    if (refused) return { ok: false, error: refused };
    const timestamp = Math.floor(deps.now().getTime() / 1000);
    return postWebhook(row.url, row.payload, {
      timeoutMs,
      fetch: deps.fetch,
      headers: {
        'Content-Type': 'application/json',
        'User-Agent': 'ivrpay-notifications/1',
        'Ivrpay-Event-Id': row.id,
        'Ivrpay-Signature': signatureHeader(signingSecrets, timestamp, row.payload),
      },
    });
  }

  /** Records the outcome, unless the lease was lost (it ran out and another deliverer took the row). */
  async function record(row: NotificationRow, leaseToken: string, outcome: PostOutcome): Promise<keyof DeliveryRun> {
    const now = deps.now();
    const attempts = row.attempts + 1;
    let result: keyof DeliveryRun;
    if (outcome.ok) {
      await store.notifications.recordDelivery(row.id, leaseToken, {
        attempts,
        status: 'delivered',
        delivered_at: now.toISOString(),
        last_error: null,
      });
      result = 'delivered';
    } else {
      const next = nextAttemptAt(attempts, now, random);
      const givesUp = next.toISOString() > row.give_up_at;
      await store.notifications.recordDelivery(row.id, leaseToken, {
        attempts,
        status: givesUp ? 'failed' : 'pending',
        next_attempt_at: next.toISOString(),
        last_error: outcome.error,
      });
      result = givesUp ? 'failed' : 'retrying';
    }
    // The host only: a merchant's URL may carry a token in its path or query. Never the payload.
    const fields = {
      eventId: row.id,
      orderId: row.order_id,
      type: row.type,
      attempt: attempts,
      host: hostOf(row.url),
      httpStatus: outcome.status,
    };
    if (result === 'delivered') deps.log.info(fields, 'notification delivered');
    else if (result === 'failed')
      deps.log.error({ ...fields, error: outcome.ok ? undefined : outcome.error }, 'notification failed; giving up');
    else deps.log.warn({ ...fields, error: outcome.ok ? undefined : outcome.error }, 'notification not delivered; will retry');
    return result;
  }

  return {
    async deliverDue() {
      const run: DeliveryRun = { delivered: 0, retrying: 0, failed: 0 };
      const batchSize = deps.batchSize ?? 20;
      // A full batch may mean more are due (a backlog after an outage); a run still ends, the next one goes on.
      for (let round = 0; round < MAX_ROUNDS; round++) {
        const { rows, leaseToken } = await store.notifications.claimDue(deps.now(), leaseMs, batchSize);
        await Promise.all(
          rows.map(async (row) => {
            run[await record(row, leaseToken, await send(row))] += 1;
          }),
        );
        // Also after a short batch: an event tried now may have been holding back a later one of its order.
        if (rows.length === 0) break;
      }
      return run;
    },
  };
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return '(invalid url)';
  }
}
