import type { Dialer } from '../callback/dialer';
import type { NotificationDeliverer } from '../notify/deliver';
import type { OrderService } from '../order/order-service';
import type { PaymentRecovery } from '../payment/payment-recovery';
import type { ReconciliationService } from '../reconciliation/reconciliation-service';
import type { RefundRecovery } from '../refund/refund-recovery';
import type { IdempotencyStore } from '../services/idempotency-store';
import type { SmsService } from '../services/sms-service';
import type { SettlementService } from '../settlement/settlement-service';
import type { Job } from './scheduler';

/** What the jobs act on; the composition root passes the running services. */
export interface JobTargets {
  orders: Pick<OrderService, 'expireDue'>;
  deliverer: Pick<NotificationDeliverer, 'deliverDue'>;
  idempotency: Pick<IdempotencyStore, 'purgeExpired'>;
  /** Rate-limit windows past (src/http/shared-rate-limit-store.ts): deletes them, given the cut-off. */
  rateLimits: { purgeBefore(before: string): Promise<number> };
  now: () => Date;
  recovery: Pick<PaymentRecovery, 'run'>;
  /** Orders held by calls that have ended (their release failed), released (src/order/call-orders.ts). */
  calls: { releaseEnded(): Promise<number> };
  /** Refunds a crash left pending; no job without it. */
  refundRecovery?: Pick<RefundRecovery, 'run'>;
  dialer: Pick<Dialer, 'tick'>;
  sms: Pick<SmsService, 'sendDue'>;
  /** With its schedule (RECONCILIATION_CRON, Beijing time). */
  reconciliation: Pick<ReconciliationService, 'runPreviousDay'> & { schedule: string };
  /** The daily settlement batch and when it runs (Beijing time); no job when absent. */
  settlement?: { service: Pick<SettlementService, 'runDue'>; runAt: { hour: number; minute: number } };
}

/**
 * Every periodic job of the service, one row each (node-cron expressions, optional seconds field). The scheduler never
 * overlaps two runs of one job, so a slow run delays the next instead of doubling it.
 */
export function jobTable(t: JobTargets): Job[] {
  return [
    // Orders past their expiry become `expired` and free their pay codes.
    { name: 'expire-orders', schedule: '* * * * *', run: () => t.orders.expireDue() },
    // Due merchant notifications are sent, first tries and retries alike.
    { name: 'deliver-notifications', schedule: '*/10 * * * * *', run: () => t.deliverer.deliverDue() },
    // Idempotency-Key records older than 24 h are deleted (a reused key then starts a new request).
    { name: 'purge-idempotency-keys', schedule: '17 * * * *', run: () => t.idempotency.purgeExpired() },
    // Shared rate-limit counts of windows over for two minutes are deleted (the windows are one minute).
    {
      name: 'purge-rate-limits',
      schedule: '30 * * * * *',
      run: () => t.rateLimits.purgeBefore(new Date(t.now().getTime() - 120_000).toISOString()),
    },
    // Payments left without a final state and with nobody settling them are resolved by query (also run once at
    // start-up, for attempts a crash left in flight). A run may take the whole query schedule (63 s).
    { name: 'recover-payments', schedule: '* * * * *', run: () => t.recovery.run() },
    // Orders still in a call the Stasis app no longer has (the script's release failed on the store) are released.
    { name: 'release-ended-calls', schedule: '* * * * *', run: () => t.calls.releaseEnded() },
    // Refunds a crash left pending are resolved by query, never sent again (src/refund/refund-recovery.ts).
    ...(t.refundRecovery ? [{ name: 'recover-refunds', schedule: '* * * * *', run: () => t.refundRecovery!.run() }] : []),
    // Due callbacks are started on the free outbound lines. A run ends once its calls have started, so calls lasting
    // minutes never hold back the next run.
    { name: 'dial-callbacks', schedule: '*/2 * * * * *', run: () => t.dialer.tick() },
    // Queued SMS reminders are sent, first tries and retries alike.
    { name: 'send-sms', schedule: '*/15 * * * * *', run: () => t.sms.sendDue() },
    // The previous settlement date is reconciled with the acquirer's file, once a day after the acquirer publishes it.
    {
      name: 'reconcile-previous-day',
      schedule: t.reconciliation.schedule,
      timezone: 'Asia/Shanghai',
      run: () => t.reconciliation.runPreviousDay(),
    },
    // Today's settlement batch (T+1: yesterday's business day), every merchant, once a day in Beijing time. A re-run
    // (a restart, an operator's `settlement run`) changes nothing.
    ...(t.settlement ? [settlementJob(t.settlement)] : []),
  ];
}

function settlementJob(s: NonNullable<JobTargets['settlement']>): Job {
  return {
    name: 'settle-day',
    schedule: `${s.runAt.minute} ${s.runAt.hour} * * *`,
    timezone: 'Asia/Shanghai',
    run: () => s.service.runDue(),
  };
}
