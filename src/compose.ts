import { acpOrderIdOf } from './acquirer/acp';
import type { AcquirerPort } from './acquirer/acquirer-port';
import { createCallbackPolicies } from './callback/callback-policy';
import { createCallbackService } from './callback/callback-service';
import { createLineService, storedLineUsage } from './callback/line-service';
import { createCallLegRecorder } from './cdr/call-leg-recorder';
import { createLineUsageReport } from './cdr/line-usage-report';
import type { Config } from './config/config';
import { createFeeService } from './fees/fee-service';
import { resolveSecretsKeys } from './config/secrets-key';
import { createNotificationDeliverer } from './notify/deliver';
import { createNotificationAdmin } from './notify/notification-admin';
import { createSecretBox } from './notify/secret-box';
import { webhookTargetCheck } from './notify/webhook-target';
import { createCallOrders } from './order/call-orders';
import { createOrderService } from './order/order-service';
import { createReconciliationService } from './reconciliation/reconciliation-service';
import type { RefundSettler } from './reconciliation/refund-settler';
import { createBankService } from './services/bank-service';
import { createIdempotencyStore } from './services/idempotency-store';
import { createMerchantService } from './services/merchant-service';
import { createSmsService } from './services/sms-service';
import { createSmsPort } from './sms/create-sms-port';
import { openDb, type Knex } from './store/db';
import { migrateLatest } from './store/migrate';
import type { ServiceDeps } from './services/service-deps';
import { createSettlementService } from './settlement/settlement-service';

/** The configured store, migrated to the latest schema; the caller destroys it. */
export async function openStore(config: Config): Promise<Knex> {
  const db = await openDb(config.sqliteFile, { synchronous: config.sqliteSynchronous });
  try {
    await migrateLatest(db);
  } catch (err) {
    await db.destroy();
    throw err;
  }
  return db;
}

/**
 * The composition root of everything built on the store: the service (src/service.ts) and the admin CLI
 * (src/cli/admin.ts) both take their services from here, so each is wired once, with the same settings.
 * Building a service has no side effect; the service starts the ones it runs. The service's store shares commits
 * between the merchant API's writes (groupCommit); the admin CLI's commits each alone.
 */
/** What reconciliation may use besides the store: the acquirer's file transfer, and the refunds feature. */
export interface ReconciliationPorts {
  acquirer?: Pick<AcquirerPort, 'reconciliationFile'>;
  refunds?: RefundSettler;
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
    cutoff: config.reconciliation.cutoff,
    // The ACP adapter's rule: the file names payments by the orderId the adapter derived from the attempt id.
    acquirerOrderIdOf: acpOrderIdOf,
    ...(config.reconciliation.dir ? { dir: config.reconciliation.dir } : {}),
    ...(transfer ? { download: transfer } : {}),
    // The refunds feature's settler is wired here once it exists (issue 11 §1); until then open refunds are reported.
    ...(ports.refunds ? { refunds: ports.refunds } : {}),
  });
}

export function composeCore(config: Config, deps: ServiceDeps) {
  const keys = resolveSecretsKeys(config);
  const secretBox = createSecretBox(keys);
  return {
    keys,
    merchants: createMerchantService({ ...deps, secretBox }),
    orders: createOrderService({
      ...deps,
      defaultExpiresSeconds: config.orderExpiresSeconds,
      callbackExpiresSeconds: config.callback.orderExpiresSeconds,
    }),
    banks: createBankService(deps),
    callOrders: createCallOrders(deps),
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
  };
}

export type Core = ReturnType<typeof composeCore>;
