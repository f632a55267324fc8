import type { Logger } from 'pino';
import type { AcquirerPort } from './acquirer/acquirer-port';
import { startAcquirer, type RunningAcquirer } from './acquirer/start-acquirer';
// The sandbox acquirer is a separate program, started here (and only here) when ACQUIRER=sandbox.
import { startSandboxAcquirer, type RunningSandboxAcquirer, type SandboxKnobs } from '../sandbox-acquirer';
import { createHttpAriOps } from './ari/ari-http-ops';
import type { AriOps } from './ari/ari-ops';
import { startStasisApp, type StasisApp } from './ari/stasis-app';
import { serverName, startAsteriskServers, type AsteriskServers } from './ari/asterisk-servers';
import { createCallRouter } from './route-stasis-call';
import { timedAriOps } from './ari/timed-ari-ops';
import { startAdmission } from './admission/start-admission';
import type { PaymentFlowDeps } from './call/call-ports';
import type { Config } from './config/config';
import {
  composeAgentPage,
  composeConsole,
  composeCore,
  composePayments,
  composeReconciliation,
  composeRefunds,
  openStore,
} from './compose';
import { deskWhenReady } from './agent-assist/desk-when-ready';
import { createLiveCalls } from './console/live-calls';
import type { PaymentRecovery } from './payment/payment-recovery';
import { jobTable } from './jobs/job-table';
import type { Knex } from './store/db';
import type { MerchantService } from './services/merchant-service';
import type { OrderService } from './order/order-service';
import type { RefundService } from './refund/refund-service';
import { loadOrCreateSandboxSecrets } from './config/sandbox-secrets';
import { createApp } from './http/create-app';
import { cachedAuthentication } from './services/cached-authentication';
import { startHttpServer, type RunningHttpServer } from './http/start-http-server';
import { startScheduler, type Scheduler } from './jobs/scheduler';
import type { PaymentNotifications } from './payment/payment-notifications';
import { AppError } from './domain/app-error';
import { ensureAsterisk } from './sandbox/ensure-asterisk';
import { createStore } from './store/store';
import { createAriOriginator } from './ari/ari-originator';
import { createDialer, type Dialer } from './callback/dialer';
import { loadDialRules } from './callback/load-dial-rules';
import { loadSoundLibrary } from './sounds/load-sound-library';
import { startServiceMetrics, type ServiceMetrics } from './metrics/service-metrics';
import { createAcquirerReachability, type Reachability } from './acquirer/acquirer-reachability';
import { acquirerCheck } from './health/acquirer-check';
import { releaseCallersOnServers } from './cluster/dead-node-callers';
import { settleDialsOf } from './cluster/dead-node-dials';
import { joinNodes } from './cluster/node-membership';
import { createAriConnectionCheck } from './health/ari-connection-check';
import { createReadiness, type Readiness } from './health/readiness';
import { migrationsCheck, storeWritableCheck } from './health/store-checks';
import type { AgentDesk } from './agent-assist/agent-desk';
import type { AgentDirectory } from './agent-assist/agent-directory';
import { AssistedCalls } from './agent-assist/assisted-calls';
import { createAssistDesk } from './agent-assist/assist-desk';
import { createAriAssistLine } from './ari/ari-assist-line';
import { banksByCode } from './domain/bin-table';
import { createCaptureNotifier } from './agent-assist/enqueue-capture-event';

export interface RunningService {
  http: RunningHttpServer;
  /** This node's Stasis app on every Asterisk server (ARI_SERVERS). */
  stasis: AsteriskServers;
  db: Knex;
  merchants: MerchantService;
  orders: OrderService;
  /** The acquirer the service pays through (with the sandbox acquirer server, when ACQUIRER=sandbox). */
  acquirer: RunningAcquirer<RunningSandboxAcquirer>;
  /** GET /metrics (src/metrics): its address, unless METRICS=off. */
  metrics: ServiceMetrics;
  /** What /readyz answers; new calls are refused while not ready. */
  readiness: Readiness;
  /** Agent-assisted calls and their captures (src/agent-assist): what the agent page reads and drives. */
  agentDesk: AgentDesk;
  /** Stops taking calls and requests, lets calls in progress end (up to `graceMs`), closes the store. */
  stop(opts?: { graceMs?: number }): Promise<void>;
}

export interface ServiceOverrides {
  now?: () => Date;
  acquirer?: AcquirerPort;
  /** Sandbox acquirer knobs (tests: its traffic log and ledger under data/test-output, short notification delays). */
  sandboxAcquirer?: SandboxKnobs;
  /** Wraps the Stasis app's ARI requests (bench:calls counts them per call); the same requests go out. */
  ariOps?: (ops: AriOps) => AriOps;
  /** Each ARI event's size in bytes as the Stasis app's WebSocket received it (bench:calls). */
  onRawAriEvent?: (bytes: number) => void;
  /**
   * Agent-assisted calls: which merchant an agent extension works for (the agent accounts unless given), and, for
   * the end-to-end test's negative control only, whether the cardholder's DTMF is absorbed (always, unless said
   * otherwise).
   */
  agentAssist?: { directory?: AgentDirectory; absorbDtmf?: () => boolean; muteCardholder?: () => boolean };
}

/** How long an agent's extension rings before the cardholder hears that no agent is available. */
const AGENT_RING_SECONDS = 30;

/**
 * The running half of the composition root: src/compose.ts builds the store-backed services (for the admin CLI too);
 * here the runtime around them is chosen, wired and started (HTTP, acquirer, Stasis app, dialer, jobs), and only here.
 */
export async function startService(config: Config, log: Logger, overrides: ServiceOverrides = {}): Promise<RunningService> {
  const now = overrides.now ?? (() => new Date());
  // First: a recorded prompt that cannot be played refuses the start, before anything else is started.
  const sounds = await loadSoundLibrary(config, log);
  const ariPassword = config.ari.password ?? loadOrCreateSandboxSecrets(config.dataDir).ariPassword;
  await ensureAsterisk(config, ariPassword, log);

  const db = await openStore(config);
  log.info({ store: config.database.kind === 'postgres' ? config.database.maskedUrl : config.sqliteFile }, 'store opened');
  // First of the servers, so the store's writes are timed from the start.
  const metrics = await startServiceMetrics(config.metrics, log).catch(async (err: unknown) => {
    await db.destroy();
    throw err;
  });
  const deps = { store: createStore(db, { groupCommit: true, timeWrites: metrics.timeWrites }), now, log };
  const core = composeCore(config, deps);
  if (core.keys.generated) log.warn('SECRETS_KEY unset: using the generated key in DATA_DIR/secrets-key.json');
  const { merchants, orders, banks, callOrders, idempotency, deliverer, sms } = core;
  // A dead node's callers are moved with requests bounded by one heartbeat: a slow Asterisk must not hold this node's
  // next heartbeat back past the others' expiry.
  const takeOverOps = config.ari.servers.map((url) => ({
    server: serverName(url),
    ops: createHttpAriOps({
      url,
      user: config.ari.user,
      password: ariPassword,
      timeoutMs: Math.min(config.ari.requestTimeoutMs, config.node.heartbeatMs),
    }),
  }));
  // Set once payments are wired (below). A dead node's unresolved payment attempts are out of any call once its orders
  // are released: queried then (never sent again), not at the next minute's recovery job (issue 12 §3).
  const afterTakeOver: { recoverPayments?: () => void } = {};
  // A node's callbacks left dialling: a dead node's, or this node's last run's (killed, started again within their lease).
  const settleDials = (nodeId: string) => settleDialsOf(takeOverOps, { ...deps, reminders: config.sms }, nodeId);
  // Before recovery: a second node started under this one's NODE_ID would release the first one's live calls.
  const membership = await joinNodes({
    store: deps.store,
    log,
    now,
    node: config.node,
    takeOver: async (nodeIds) => {
      const orders = await callOrders.takeOverCallsOf(nodeIds);
      afterTakeOver.recoverPayments?.();
      return orders;
    },
    app: config.ari.app,
    releaseCallers: (app, deadAt) => releaseCallersOnServers(takeOverOps, app, log, deadAt),
    settleDials,
  }).catch(async (err: unknown) => {
    await metrics.close();
    await db.destroy();
    throw err;
  });
  const recovered = await callOrders.recoverStaleCalls();
  if (recovered > 0) log.warn({ orders: recovered }, 'orders left in a call by the last run set back to abandoned');

  // The acquirer is told our notification URL, so the HTTP server (and its port) comes first;
  // a notification before the acquirer is wired gets 503, and the acquirer sends it again.
  // Set once, when the acquirer is wired (below); until then `receive` answers 503.
  // eslint-disable-next-line prefer-const -- read by the closure before that assignment, so it cannot be a const here
  let notifications: PaymentNotifications | undefined;
  // The same for refunds: they need the acquirer, so until it is wired a refund request gets 503.
  // eslint-disable-next-line prefer-const -- read by the closure before that assignment, so it cannot be a const here
  let refundService: Pick<RefundService, 'createRefund'> | undefined;
  const refundsForHttp: Pick<RefundService, 'createRefund'> = {
    createRefund: (...args) => refundService?.createRefund(...args) ?? Promise.reject(new AppError('unavailable', 'starting up')),
  };
  // The console shows the Stasis app's calls and lines, and queries through payment recovery: both wired below.
  const liveCalls = createLiveCalls(now);
  // Set as they are wired below.
  const late: {
    stasis?: AsteriskServers;
    recovery?: PaymentRecovery;
    reachability?: () => Promise<Reachability>;
    desk?: AgentDesk;
  } = {};
  const consoleDeps = composeConsole(config, deps, core, {
    liveCalls,
    activeCalls: (direction) => late.stasis?.activeCalls({ direction }) ?? 0,
    queryNow: (attemptId) => late.recovery?.queryNow(attemptId) ?? Promise.reject(new AppError('unavailable', 'starting up')),
  });
  const acquirerNotifications = {
    receive: (body: string) => notifications?.receive(body) ?? Promise.reject(new AppError('unavailable', 'starting up')),
  };
  // Readiness is answered from the start (not ready until ARI is connected); its verdict opens and closes the
  // Stasis app to new calls, and no callback is dialled while not ready.
  const ariConnection = createAriConnectionCheck(now);
  const readiness = createReadiness({
    checks: [ariConnection.check, storeWritableCheck(db), migrationsCheck(db), acquirerCheck(() => late.reachability)],
    timeoutMs: READINESS_CHECK_TIMEOUT_MS,
    onChange: (ready, report) => {
      const failing = Object.keys(report.checks).filter((name) => !report.checks[name].ok);
      if (ready) log.info('ready: taking calls');
      else log.warn({ failing }, 'not ready: new calls are refused');
      late.stasis?.setAccepting(ready);
    },
  });
  // The agent page and API are served from the start; captures wait for the desk, wired once the acquirer runs.
  const assistedCalls = new AssistedCalls(now);
  const lateDesk = deskWhenReady(assistedCalls, () => late.desk);
  const http = await startHttpServer(
    createApp({
      merchants: cachedAuthentication(merchants),
      orders,
      refunds: refundsForHttp,
      banks,
      idempotency,
      settlements: core.settlement,
      rateLimitPerMinute: config.http.rateLimitPerMinute,
      // Several nodes on PostgreSQL count each merchant's requests together; one SQLite node counts in memory.
      ...(config.database.kind === 'postgres' ? { rateLimitCounter: deps.store.rateLimits } : {}),
      log,
      now,
      acquirerNotifications,
      readiness,
      console: consoleDeps,
      agentDesk: lateDesk,
      agent: composeAgentPage(config, deps, core, lateDesk),
    }),
    config.http.host,
    config.http.port,
  );
  log.info({ host: config.http.host, port: http.address.port }, 'HTTP server listening');
  let running: RunningAcquirer<RunningSandboxAcquirer>;
  try {
    running = await startAcquirer(config.acquirer, {
      dataDir: config.dataDir,
      now,
      log,
      notifyUrl: notifyUrlFor(config, http.address.port),
      startSandbox: (start) => startSandboxAcquirer(start, overrides.sandboxAcquirer),
    });
  } catch (err) {
    await http.close();
    await metrics.close();
    await db.destroy();
    throw err;
  }
  const acquirer = metrics.acquirer(overrides.acquirer ?? running.acquirer);
  late.reachability = createAcquirerReachability({
    url: running.endpoint,
    timeoutMs: READINESS_CHECK_TIMEOUT_MS,
    cacheMs: ACQUIRER_REACHABILITY_CACHE_MS,
    now: () => new Date(),
  });
  const refunds = composeRefunds(config, deps, acquirer, REFUND_ANSWER_WAIT_MS);
  const paid = composePayments(deps, core, acquirer, refunds, { callerWaitMs: config.acquirer.callerWaitMs ?? 20_000 });
  const { payments, recovery } = paid;
  notifications = paid.notifications;
  late.recovery = recovery;
  afterTakeOver.recoverPayments = () =>
    void recovery.run().catch((err: unknown) => log.error({ err }, 'payment recovery after a takeover failed'));
  refundService = refunds.refunds;
  // Attempts a crash left in flight, resolved by query in the background while calls are taken.
  const recoveredAtStart = recovery.run().catch((err: unknown) => log.error({ err }, 'payment recovery at start-up failed'));
  // Refunds a crash left pending, likewise by query only.
  const refundsRecoveredAtStart = refunds.recovery
    .run()
    .catch((err: unknown) => log.error({ err }, 'refund recovery at start-up failed'));
  const flowDeps: PaymentFlowDeps = {
    orders: callOrders,
    cards: banks,
    payments,
    settings: config.ivr,
    now,
    log,
    fields: metrics.fields,
  };

  const bankNames = banksByCode();
  const agentDesk = createAssistDesk({
    calls: assistedCalls,
    findOrder: (merchantId, orderId) => orders.getOrder(merchantId, orderId),
    flow: flowDeps,
    notifier: createCaptureNotifier(deps),
    bankName: (code) => bankNames.get(code)?.nameEn,
  });
  late.desk = agentDesk;

  const admitting = startAdmission(config, log);
  const routeCall = createCallRouter({
    legs: core.callLegs,
    flow: flowDeps,
    directory: overrides.agentAssist?.directory ?? core.agents,
    assistedCalls,
    callEnded: (direction, outcome) => metrics.callEnded(direction, outcome),
    now,
    log,
  });
  /** This node's Stasis app on one Asterisk server, with that server's REST requests and agent-assist line. */
  async function startServerApp(url: string, signal: AbortSignal): Promise<StasisApp> {
    const ariOps = timedAriOps(
      createHttpAriOps({ url, user: config.ari.user, password: ariPassword, timeoutMs: config.ari.requestTimeoutMs }),
      admitting.guard.recordAriRoundTrip,
    );
    const stasisOps = overrides.ariOps ? overrides.ariOps(ariOps) : ariOps;
    const started: { app?: StasisApp } = {};
    const assistLine = createAriAssistLine({
      ops: stasisOps,
      // Agents are rung on the cardholder's server; its app exists by the time a cardholder's call reaches it.
      originate: (channel, watch) => started.app?.originate(channel, watch) ?? Promise.reject(new Error('not connected')),
      endpointOf: (extension) => `PJSIP/${extension}`,
      ringTimeoutSec: AGENT_RING_SECONDS,
      absorbDtmf: overrides.agentAssist?.absorbDtmf ?? (() => true),
      muteCardholder: overrides.agentAssist?.muteCardholder ?? (() => true),
      log,
    });
    started.app = await startStasisApp({
      url,
      user: config.ari.user,
      password: ariPassword,
      app: config.ari.app,
      sounds,
      requestTimeoutMs: config.ari.requestTimeoutMs,
      defaultLanguage: config.defaultLanguage,
      returnContext: config.ari.returnContext,
      fieldVariable: config.ari.fieldVariable,
      log: log.child({ server: serverName(url) }),
      ops: stasisOps,
      onRawEvent: overrides.onRawAriEvent,
      admission: admitting.admission,
      onCall: routeCall(assistLine),
      // The servers wait for one another: startAsteriskServers bounds the wait for the first.
      connectWaitMs: Infinity,
      signal,
    });
    return started.app;
  }
  const stasis = await startAsteriskServers({ urls: config.ari.servers, start: startServerApp, log });
  metrics.watch({ stasis, store: deps.store, lines: config.callback.lines, now });

  late.stasis = stasis;
  ariConnection.attach(
    stasis.events,
    () => void readiness.check(),
    () => stasis.lines(),
  );
  await readiness.check();
  // A verdict reached before the app existed (a /readyz during start-up) was not passed on.
  stasis.setAccepting(readiness.isReady());
  readiness.start(config.readiness.intervalMs);
  liveCalls.follow(stasis.events);

  // Callbacks are dialled through the Stasis app, so the dialer comes after it.
  const dialer: Dialer = createDialer({
    ...deps,
    originator: createAriOriginator({
      servers: stasis,
      endpointTemplate: config.callback.endpoint,
      callerId: config.callback.callerId,
      log,
      now,
    }),
    servers: () => stasis.lines(),
    lines: config.callback.lines,
    callsPerSecond: config.callback.callsPerSecond,
    ringTimeoutSec: config.callback.ringTimeoutSec,
    dialRules: loadDialRules(config.callback),
    reminders: config.sms,
    legs: core.callLegs,
    nodeId: config.node.id,
  });
  await dialer.recover();
  // The callbacks this node's last run left dialling (killed and started again within their lease), as another node would.
  await settleDials(config.node.id).catch((err: unknown) =>
    log.error({ err }, "settling the last run's callbacks failed: their lease brings them back"),
  );
  // Reconciliation fetches the day's file from the running acquirer (unless RECONCILIATION_DIR names a folder).
  const reconciliation = { ...composeReconciliation(config, deps, { acquirer }), schedule: config.reconciliation.cron };
  const settlement = { service: core.settlement, runAt: config.settlement.runAt };
  const scheduler: Scheduler = startScheduler(
    jobTable({
      orders,
      deliverer,
      idempotency,
      rateLimits: deps.store.rateLimits,
      now,
      recovery,
      calls: { releaseEnded: () => callOrders.releaseEndedCalls((callId) => stasis.isLive(callId)) },
      refundRecovery: refunds.recovery,
      // While not ready a callback would be answered into "service unavailable", and while overloaded it would
      // load the machine further: it waits, still due.
      dialer: {
        tick: () => (readiness.isReady() && !admitting.guard.overloaded() ? dialer.tick() : Promise.resolve(NOTHING_DIALLED)),
      },
      sms,
      reconciliation,
      settlement,
    }),
    log,
  );

  return {
    http,
    stasis,
    db,
    merchants,
    orders,
    acquirer: running,
    metrics,
    readiness,
    agentDesk,
    async stop(opts = {}) {
      readiness.stop();
      // The dialer first: a stopping Stasis app refuses new calls.
      await scheduler.stop(['dial-callbacks', 'send-sms']);
      await dialer.stop();
      await stasis.stop({ graceMs: opts.graceMs ?? 10_000 });
      admitting.stop();
      await http.close();
      paid.stopRecovery();
      await scheduler.stop();
      await payments.stop();
      await refunds.settler.stop();
      await recoveredAtStart;
      await refundsRecoveredAtStart;
      await running.stop();
      await membership.leave();
      await metrics.close();
      await db.destroy();
    },
  };
}

/** Each readiness check's bound, and the acquirer connection's: a load balancer's poll should not hang. */
const READINESS_CHECK_TIMEOUT_MS = 2000;
/** A TCP connection to the acquirer at most this often, however often /readyz is asked. */
const ACQUIRER_REACHABILITY_CACHE_MS = 15_000;
const NOTHING_DIALLED = { started: 0, deferred: 0, settled: 0, recovered: 0 };

/** How long a refund request waits for the acquirer's final word before answering with the refund still pending. */
const REFUND_ANSWER_WAIT_MS = 10_000;

/** ACQUIRER_NOTIFY_URL, or our own endpoint on the port actually bound (the configuration may say 0). */
function notifyUrlFor(config: Config, boundPort: number): string {
  const unbound = `http://127.0.0.1:${config.http.port}/acquirer/notify`;
  return config.acquirer.notifyUrl === unbound ? `http://127.0.0.1:${boundPort}/acquirer/notify` : config.acquirer.notifyUrl;
}
