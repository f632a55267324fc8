import type { Logger } from 'pino';
import type { AcquirerPort } from './acquirer/acquirer-port';
import { createSandboxAcquirer } from './acquirer/sandbox-acquirer';
import { startStasisApp, type StasisApp } from './ari/stasis-app';
import { runPaymentCall } from './call/payment-call';
import type { PaymentFlowDeps } from './call/call-ports';
import type { Config } from './config/config';
import { loadOrCreateSandboxSecrets } from './config/sandbox-secrets';
import { createApp } from './http/create-app';
import { startHttpServer, type RunningHttpServer } from './http/start-http-server';
import { expireOrdersJob } from './jobs/expire-orders';
import { startScheduler, type Scheduler } from './jobs/scheduler';
import { createBankService } from './services/bank-service';
import { createCallOrders } from './services/call-orders';
import { createMerchantService, type MerchantService } from './services/merchant-service';
import { createOrderService, type OrderService } from './services/order-service';
import { createPaymentService } from './services/payment-service';
import { createIdempotencyStore } from './services/idempotency-store';
import { idempotencyPurgeJob } from './services/idempotency-purge-job';
import { resolveSecretsKeys } from './config/secrets-key';
import { createNotificationDeliverer } from './notify/deliver';
import { createSecretBox } from './notify/secret-box';
import { deliverNotificationsJob } from './jobs/deliver-notifications';
import { ensureAsterisk } from './sandbox/ensure-asterisk';
import { openDb, type Knex } from './store/db';
import { migrateLatest } from './store/migrate';

export interface RunningService {
  http: RunningHttpServer;
  stasis: StasisApp;
  db: Knex;
  merchants: MerchantService;
  orders: OrderService;
  /** Stops taking calls and requests, lets calls in progress end (up to `graceMs`), closes the store. */
  stop(opts?: { graceMs?: number }): Promise<void>;
}

export interface ServiceOverrides {
  now?: () => Date;
  acquirer?: AcquirerPort;
}

/** The composition root: every real implementation is chosen and wired here, and only here. */
export async function startService(config: Config, log: Logger, overrides: ServiceOverrides = {}): Promise<RunningService> {
  const now = overrides.now ?? (() => new Date());
  const ariPassword = config.ari.password ?? loadOrCreateSandboxSecrets(config.dataDir).ariPassword;
  await ensureAsterisk(config, ariPassword, log);

  const db = await openDb(config.sqliteFile);
  await migrateLatest(db);
  const deps = { db, now, log };
  const keys = resolveSecretsKeys(config);
  if (keys.generated) log.warn('SECRETS_KEY unset: using the generated key in DATA_DIR/secrets-key.json');
  const secretBox = createSecretBox(keys);
  const merchants = createMerchantService({ ...deps, secretBox });
  const deliverer = createNotificationDeliverer({ ...deps, secretBox });
  const idempotency = createIdempotencyStore(deps);
  const orders = createOrderService({ ...deps, defaultExpiresSeconds: config.orderExpiresSeconds });
  const banks = createBankService(deps);
  const callOrders = createCallOrders(deps);
  const recovered = await callOrders.recoverStaleCalls();
  if (recovered > 0) log.warn({ orders: recovered }, 'orders left in a call by the last run set back to abandoned');

  const acquirer = overrides.acquirer ?? createSandboxAcquirer({ now });
  const flowDeps: PaymentFlowDeps = {
    orders: callOrders,
    cards: banks,
    payments: createPaymentService({ ...deps, acquirer, timeoutMs: config.acquirer.timeoutMs }),
    settings: config.ivr,
    now,
    log,
  };

  const http = await startHttpServer(createApp({
    merchants, orders, banks, idempotency, rateLimitPerMinute: config.http.rateLimitPerMinute, log, now,
  }), config.http.host, config.http.port);
  const scheduler: Scheduler = startScheduler([expireOrdersJob(orders), deliverNotificationsJob(deliverer), idempotencyPurgeJob(idempotency)], log);
  const stasis = await startStasisApp({
    url: config.ari.url,
    user: config.ari.user,
    password: ariPassword,
    app: config.ari.app,
    soundsDir: config.soundsDir,
    requestTimeoutMs: config.ari.requestTimeoutMs,
    defaultLanguage: config.defaultLanguage,
    log,
    onCall: async (call, args) => {
      // Stasis(app, inbound, <pay code or empty>) — see dialplan/extensions.conf.
      const payCode = args[1] || undefined;
      await runPaymentCall(call, flowDeps, { payCode });
    },
  });

  return {
    http,
    stasis,
    db,
    merchants,
    orders,
    async stop(opts = {}) {
      await stasis.stop({ graceMs: opts.graceMs ?? 10_000 });
      await http.close();
      await scheduler.stop();
      await db.destroy();
    },
  };
}
