import type { Logger } from 'pino';
import { afterAttempt } from './after-attempt';
import { recordCallbackOutcome } from './callback-outcome';
import { policyOfRow } from './callback-policy';
import { callbackChannelId } from './originator-port';
import type { ReminderSettings } from './sms-reminder';
import { PAYABLE_STATUSES } from '../domain/order-status';
import type { CallbackAttemptRow, CallbackRow } from '../store/callback-rows';
import type { Store } from '../store/store';

export interface OrphanDialDeps {
  store: Store;
  log: Logger;
  now: () => Date;
  reminders: ReminderSettings;
  /**
   * Whether Asterisk still has this channel, on the server the attempt was placed on (null: not recorded); true when
   * it cannot tell, or throws (either way the row is left for the next look).
   */
  channelUp(channelId: string, server: string | null): Promise<boolean>;
}

/** What became of the rows. */
export interface OrphanSettling {
  /** Claimed but never dialled: due again at once, for any dialer. */
  released: number;
  /** Dialled and their call over: the attempt ended `interrupted` (or `paid`), and the retry policy decided what follows. */
  settled: number;
  /** Dialled and their call still up (ringing, or hearing the fallback): left as they are, to be looked at again. */
  left: number;
}

/** Stored for an attempt whose dialer died before it saw the call end. */
export const INTERRUPTED = 'interrupted';

/**
 * Settles callbacks held (`dialing`) by a dialer that is gone: a node taken for dead (src/cluster), or, for the same
 * reason, calls on an Asterisk server that went away. Each is either due again or has its attempt recorded, never
 * both, so a callback is neither lost nor dialled twice:
 * - no open attempt: it was claimed but not dialled (paced, or being prepared): due again at once;
 * - an open attempt whose channel (cb-<attempt id>, callbackChannelId) is gone: the call ended unseen, so the attempt
 *   ends now, `paid` if the order was paid in it, else `interrupted`, retried per the merchant's policy as a failed
 *   call would be;
 * - a channel still up: nothing yet. Its call cannot pay any more (its order was released with its node), and it ends
 *   by itself: a ringing one at the ring timeout or on answer (the dead node's Stasis app is gone), an answered one
 *   after the fallback prompt. Redialling before then would ring the cardholder twice at once.
 * Every write is guarded by the row's lease token, so two nodes settling the same row at once do it once.
 */
export async function settleOrphanDials(deps: OrphanDialDeps, rows: CallbackRow[]): Promise<OrphanSettling> {
  const done: OrphanSettling = { released: 0, settled: 0, left: 0 };
  for (const row of rows) {
    if (row.state !== 'dialing' || !row.lease_token) continue;
    const attempt = await deps.store.callbackAttempts.findOpen(row.id);
    if (!attempt) {
      const at = { state: 'scheduled', at: new Date(row.next_call_at) } as const;
      if (await deps.store.callbacks.releaseClaim(row.id, row.lease_token, at, deps.now())) done.released += 1;
    } else if (await deps.channelUp(callbackChannelId(attempt.id), attempt.asterisk_server)) {
      done.left += 1;
    } else if (await recordEnded(deps, row, row.lease_token, attempt)) {
      done.settled += 1;
    }
  }
  if (done.released + done.settled > 0) deps.log.warn({ ...done }, "a stopped dialer's callbacks settled");
  return done;
}

/** Records the attempt ended now and what follows it; false when another node did first (the lease was gone). */
async function recordEnded(
  deps: OrphanDialDeps,
  row: CallbackRow,
  leaseToken: string,
  attempt: CallbackAttemptRow,
): Promise<boolean> {
  const now = deps.now();
  // The callback's order is never deleted.
  const order = (await deps.store.orders.findForDial(row.order_id))!;
  const outcome = order.status === 'paid' ? 'paid' : INTERRUPTED;
  const next = afterAttempt({
    // Retried as a call that failed: nothing is known of how it ended.
    outcome: outcome === 'paid' ? 'paid' : 'failed',
    attemptsMade: row.attempts_made + 1,
    orderStatus: order.status,
    orderPayable: PAYABLE_STATUSES.includes(order.status) && order.expires_at > now.toISOString(),
    expiresAt: new Date(order.expires_at),
    now,
    policy: policyOfRow(order),
  });
  const recorded = await recordCallbackOutcome(
    deps.store,
    {
      callbackId: row.id,
      leaseToken,
      orderId: row.order_id,
      phone: row.phone,
      attemptsMade: row.attempts_made + 1,
      next,
      lastOutcome: outcome,
      attempt: { attemptId: attempt.id, outcome, endedAt: now, durationMs: now.getTime() - Date.parse(attempt.started_at) },
    },
    { now, reminders: deps.reminders, log: deps.log },
  );
  if (!recorded.leaseLost)
    deps.log.info({ orderId: row.order_id, outcome, next: next.state }, 'callback attempt of a stopped dialer ended');
  return !recorded.leaseLost;
}
