import { acpOrderIdOf } from './acquirer/acp';
import type { AcquirerPort } from './acquirer/acquirer-port';
import { createCallbackPolicies } from './callback/callback-policy';
import { createCallbackService } from './callback/callback-service';
import { createLineService, storedLineUsage } from './callback/line-service';
import { createCallLegRecorder } from './cdr/call-leg-recorder';
import { createLineUsageReport } from './cdr/line-usage-report';
import type { Config } from './config/config';
import { createConsoleData } from './console/console-data';
import { createSessionStore } from './console/console-sessions';
import type { LiveCalls } from './console/live-calls';
import { createOperatorService } from './console/operator-service';
import { createAgentService } from './agent-assist/agent-service';
import type { QueryNowResult } from './payment/payment-recovery';
import type { ConsoleDeps } from './http/console/console-router';
import type { AgentDesk } from './agent-assist/agent-desk';
import type { AgentPageDeps } from './http/agent/agent-router';
import type { AgentLogin } from './http/agent/agent-login';
import { createFeeService } from './fees/fee-service';
import { createCardFingerprint } from './crypto/card-fingerprint';
import { resolveSecretsKeys } from './config/secrets-key';
import { createNotificationDeliverer } from './notify/deliver';
import { createNotificationAdmin } from './notify/notification-admin';
import { createSecretBox } from './notify/secret-box';
import { webhookTargetCheck } from './notify/webhook-target';
import { createCallOrders } from './order/call-orders';
import { createOrderService } from './order/order-service';
import { createPaymentNotifications } from './payment/payment-notifications';
import { createPaymentRecovery } from './payment/payment-recovery';
import { createPaymentService } from './payment/payment-service';
import { createReconciliationService } from './reconciliation/reconciliation-service';
import type { Logger } from 'pino';
import { startAcquirer, type RunningAcquirer } from './acquirer/start-acquirer';
// The sandbox acquirer runs in the service; a second process only connects to it (see connectAcquirer).
import { connectSandboxAcquirer } from '../sandbox-acquirer';
import { createRefundNotifications } from './refund/refund-notifications';
import { createRefundReads } from './refund/refund-reads';
import { createRefundRecovery } from './refund/refund-recovery';
import { createRefundService } from './refund/refund-service';
import { createRefundSettler } from './refund/refund-settler';
import { settleRefund } from './refund/settle-refund';
import { createBankService } from './services/bank-service';
import { createIdempotencyStore } from './services/idempotency-store';
import { createMerchantService } from './services/merchant-service';
import { createMerchantCallOptions } from './services/merchant-call-options';
import { createSmsService } from './services/sms-service';
import { createSmsPort } from './sms/create-sms-port';
import { openDb, type Knex } from './store/db';
import { migrateLatest } from './store/migrate';
import { openPostgres } from './store/postgres-connection';
import type { ServiceDeps } from './services/service-deps';
import { createSettlementService } from './settlement/settlement-service';

/** The configured store, migrated to the latest schema; the caller destroys it. */
export async function openStore(config: Config): Promise<Knex> {
  const db =
    config.database.kind === 'postgres'
      ? await openPostgres(config.database.url)
      : await openDb(config.sqliteFile, { synchronous: config.sqliteSynchronous });
  try {
    await migrateLatest(db);
  } catch (err) {
    await db.destroy();
    throw err;
  }
  return db;
}

/** What reconciliation may use besides the store: the acquirer's file transfer. */
export interface ReconciliationPorts {
  acquirer?: Pick<AcquirerPort, 'reconciliationFile'>;
}

/**
 * The daily reconciliation (src/reconciliation/), with the configured merchant, cut-off and folder. The service
 * builds it again once its acquirer runs (for the file transfer); the CLI reads --file or RECONCILIATION_DIR.
 */
export function composeReconciliation(config: Config, deps: ServiceDeps, ports: ReconciliationPorts = {}) {
  const transfer = ports.acquirer?.reconciliationFile?.bind(ports.acquirer);
  return createReconciliationService({
    ...deps,
    merId: config.acquirer.merchantId,
    // One cut-off closes the acquirer's day: after it, a payment settles the next day and a cancel is too late.
    cutoff: `${config.acquirer.cutOff.replace(':', '')}00`,
    // The ACP adapter's rule: the file names payments by the orderId the adapter derived from the attempt id.
    acquirerOrderIdOf: acpOrderIdOf,
    ...(config.reconciliation.dir ? { dir: config.reconciliation.dir } : {}),
    ...(transfer ? { download: transfer } : {}),
    // Settled as a notification or a query would settle them: state, order totals, the merchant's webhook.
    refunds: {
      settle: async (refundId, word) => {
        await settleRefund(deps, refundId, word);
      },
    },
  });
}

/**
 * The composition root of everything built on the store: the service (src/service.ts) and the admin CLI
 * (src/cli/admin.ts) both take their services from here, so each is wired once, with the same settings.
 * Building a service has no side effect; the service starts the ones it runs. The service's store shares commits
 * between the merchant API's writes (groupCommit); the admin CLI's commits each alone.
 */
export function composeCore(config: Config, deps: ServiceDeps) {
  const keys = resolveSecretsKeys(config);
  const secretBox = createSecretBox(keys);
  return {
    keys,
    merchants: createMerchantService({ ...deps, secretBox }),
    merchantCallOptions: createMerchantCallOptions({ ...deps, greetingsDir: config.greetingsDir }),
    orders: createOrderService({
      ...deps,
      nodeId: config.node.id,
      defaultExpiresSeconds: config.orderExpiresSeconds,
      callbackExpiresSeconds: config.callback.orderExpiresSeconds,
    }),
    banks: createBankService(deps),
    callOrders: createCallOrders({ ...deps, nodeId: config.node.id, abandonedCallSms: config.sms }),
    idempotency: createIdempotencyStore(deps),
    deliverer: createNotificationDeliverer({
      ...deps,
      secretBox,
      checkTarget: webhookTargetCheck({ allowPrivateNetworks: config.notify.allowPrivateNetworks }),
    }),
    notifications: createNotificationAdmin(deps),
    callbacks: createCallbackService(deps),
    callbackPolicies: createCallbackPolicies(deps),
    sms: createSmsService({ ...deps, sms: createSmsPort(config, deps) }),
    fees: createFeeService(deps),
    settlement: createSettlementService({ ...deps, settings: config.settlement }),
    callLegs: createCallLegRecorder(deps),
    lineUsage: createLineUsageReport(deps),
    lines: createLineService({ lines: config.callback.lines, usage: storedLineUsage(deps.store, deps.now), now: deps.now }),
    reconciliation: composeReconciliation(config, deps),
    refundReads: createRefundReads(deps),
    operators: createOperatorService(deps),
    agents: createAgentService(deps),
  };
}

/**
 * Refunds and cancels, which need the acquirer: the service builds them once its acquirer runs, the admin CLI
 * (`refund create`) with one of its own. `answerWaitMs`: how long a request waits for the final word.
 */
export function composeRefunds(config: Config, deps: ServiceDeps, acquirer: AcquirerPort, answerWaitMs: number) {
  const settler = createRefundSettler({ ...deps, acquirer });
  return {
    settler,
    refunds: createRefundService({ ...deps, acquirer, settler, cutOff: config.acquirer.cutOff, answerWaitMs }),
    recovery: createRefundRecovery({ ...deps, settler }),
    notifications: createRefundNotifications(deps),
  };
}

export type Core = ReturnType<typeof composeCore>;

/** What the operator console reads from the running service besides the store. */
export interface ConsoleRuntime {
  liveCalls: LiveCalls;
  /** Lines in use now, by direction (the Stasis app's counters). */
  activeCalls(direction: 'inbound' | 'outbound'): number;
  /** One query of an unresolved attempt (payment recovery's queryNow). */
  queryNow(attemptId: string): Promise<QueryNowResult>;
}

/** The operator console (/console, issue 15 §4) over the store, the service's live counters and its settings. */
export function composeConsole(config: Config, deps: ServiceDeps, core: Core, runtime: ConsoleRuntime): ConsoleDeps {
  return {
    data: createConsoleData({
      store: deps.store,
      now: deps.now,
      liveCalls: runtime.liveCalls,
      lines: () => ({
        inbound: runtime.activeCalls('inbound'),
        outbound: runtime.activeCalls('outbound'),
        capacity: config.callback.lines.total,
      }),
    }),
    operators: core.operators,
    sessions: createSessionStore({ ttlMs: config.console.sessionMs, now: deps.now }),
    queryNow: (attemptId) => runtime.queryNow(attemptId),
    cookie: { secure: config.console.cookieSecure },
    loginAttempts: config.console.loginAttempts,
    log: deps.log.child({ source: 'console' }),
  };
}
type Refunds = ReturnType<typeof composeRefunds>;

/** How long a caller waits for the acquirer's answer, and the query schedule after a timeout (default: ACP's). */
export interface PaymentTiming {
  callerWaitMs: number;
  queryDelaysMs?: readonly number[];
}

/**
 * Payments, the recovery of attempts left in flight, and the acquirer's notifications (which also settle refunds
 * and cancels), on one acquirer: the service and the chaos runs (scripts/chaos) wire them alike.
 */
export function composePayments(deps: ServiceDeps, core: Core, acquirer: AcquirerPort, refunds: Refunds, timing: PaymentTiming) {
  const payments = createPaymentService({
    ...deps,
    acquirer,
    cardFingerprint: createCardFingerprint(core.keys.current),
    callerWaitMs: timing.callerWaitMs,
    queryDelaysMs: timing.queryDelaysMs,
  });
  const stopRecovery = new AbortController();
  return {
    payments,
    recovery: createPaymentRecovery({
      ...deps,
      acquirer,
      busy: (orderId) => payments.busy(orderId),
      signal: stopRecovery.signal,
      queryDelaysMs: timing.queryDelaysMs,
    }),
    notifications: createPaymentNotifications({
      ...deps,
      parse: (body) => acquirer.parseNotification(body),
      reversals: refunds.notifications,
    }),
    /** Stops recovery's waits between queries at once; a payment's own queries end with payments.stop(). */
    stopRecovery: () => stopRecovery.abort(),
  };
}

/**
 * The configured acquirer for a process other than the service (the admin CLI's `refund create`): ACQUIRER=acp
 * talks to the real endpoint; ACQUIRER=sandbox to the sandbox acquirer the running service started, on
 * SANDBOX_ACQUIRER_PORT. Its answers' notifications go to the service (ACQUIRER_NOTIFY_URL).
 */
export function connectAcquirer(config: Config, log: Logger, now: () => Date): Promise<RunningAcquirer> {
  return startAcquirer(config.acquirer, { dataDir: config.dataDir, now, log, startSandbox: connectSandboxAcquirer });
}

/**
 * The agent page (/agent, issue 14) over the call side's agent desk: the service passes it to createApp once it
 * has a desk, and the page is not mounted without one. Its logins, cookie and failed-login limits follow the
 * console's settings (CONSOLE_SESSION_HOURS, CONSOLE_COOKIE_SECURE, CONSOLE_LOGIN_ATTEMPTS per IP and per name).
 */
export function composeAgentPage(config: Config, deps: ServiceDeps, core: Core, desk: AgentDesk): AgentPageDeps {
  return {
    desk,
    agents: core.agents,
    merchantName: async (merchantId) => (await deps.store.merchants.find(merchantId))?.name,
    sessions: createSessionStore<AgentLogin>({ ttlMs: config.console.sessionMs, now: deps.now }),
    cookie: { secure: config.console.cookieSecure },
    loginAttempts: { perIp: config.console.loginAttempts, perLogin: config.console.loginAttempts },
    log: deps.log.child({ source: 'agent-page' }),
  };
}
