import { Writable } from 'node:stream';
import { startAcquirer } from '../../../src/acquirer/start-acquirer';
import type { SandboxAcquirer } from '../../../src/acquirer/sandbox-port';
import type { PaymentFlowDeps } from '../../../src/call/call-ports';
import { composeCore, composePayments, composeRefunds, openStore } from '../../../src/compose';
import { loadConfig } from '../../../src/config/config';
import type { TestPki } from '../../../src/crypto/test-pki';
import { createApp } from '../../../src/http/create-app';
import { startHttpServer } from '../../../src/http/start-http-server';
import { createLogger } from '../../../src/log/logger';
import { cachedAuthentication } from '../../../src/services/cached-authentication';
import { createStore } from '../../../src/store/store';
import { merchantSide } from '../../../sandbox-acquirer';
import { injectDiskFull } from './disk-full';
import { withKillPoints, type OwnKill } from './kill-points';
import { startJobLoop } from './job-loop';

/** What the runner gives a service to start with; the same store file again after a kill (a restart). */
export interface ServiceStart {
  dataDir: string;
  sqliteFile: string;
  logFile: string;
  /** The fault layer's URLs: the acquirer's endpoints, and our notification URL as the acquirer is told it. */
  endpoints: SandboxAcquirer['endpoints'];
  notifyUrl: string;
  pki: TestPki;
  clockOffsetMs: number;
  kill?: OwnKill;
  timing: ChaosTiming;
}

/** The service's waits, scaled down so that a run takes about a second (README, Reliability: chaos runs). */
export interface ChaosTiming {
  acquirerTimeoutMs: number;
  callerWaitMs: number;
  queryDelaysMs: number[];
  jobEveryMs: number;
}

/** A fixed key: the chaos runs' secrets need not be secret, and a generated one would be one more file per run. */
const SECRETS_KEY = '5f'.repeat(32);

/**
 * The service as src/service.ts wires it (compose.ts's store-backed services, the merchant API with the acquirer's
 * notification endpoint, the ACP adapter by startAcquirer, payments, recovery and notifications), without what
 * needs Asterisk (the Stasis app, the dialer): calls come in through `flow`. The jobs run on a short loop instead
 * of node-cron's minutes (job-loop.ts).
 */
export async function startChaosService(start: ServiceStart) {
  let offset = start.clockOffsetMs;
  const now = () => new Date(Date.now() + offset);
  const config = loadConfig({
    DATA_DIR: start.dataDir,
    SQLITE_FILE: start.sqliteFile,
    HTTP_PORT: '0',
    ASTERISK_SANDBOX: 'off',
    SECRETS_KEY,
    NOTIFY_ALLOW_PRIVATE_NETWORKS: 'true',
    ACQUIRER_TIMEOUT_MS: String(start.timing.acquirerTimeoutMs),
    ACQUIRER_CALLER_WAIT_MS: String(start.timing.callerWaitMs),
    API_RATE_LIMIT_PER_MINUTE: '100000',
  });
  const log = createLogger({
    level: 'info',
    file: start.logFile,
    destination: new Writable({ write: (_c, _e, done) => done() }),
  });
  const db = await openStore(config);
  const diskFull = injectDiskFull(db);
  const deps = { store: createStore(db, { groupCommit: true }), now, log };
  const core = composeCore(config, deps);
  await core.callOrders.recoverStaleCalls();

  const { pki } = start;
  const running = await startAcquirer(config.acquirer, {
    dataDir: config.dataDir,
    now,
    log,
    notifyUrl: start.notifyUrl,
    // The sandbox acquirer runs in the runner, behind the fault layer: the adapter is pointed at the layer.
    startSandbox: () =>
      Promise.resolve({
        endpoints: start.endpoints,
        ...merchantSide(pki),
        stop: () => Promise.resolve(),
      }),
  });
  const acquirer = withKillPoints(running.acquirer, db, start.kill);
  const refunds = composeRefunds(config, deps, acquirer, 10_000);
  const { queryDelaysMs } = start.timing;
  const paid = composePayments(deps, core, acquirer, refunds, { callerWaitMs: start.timing.callerWaitMs, queryDelaysMs });
  const { payments, recovery, notifications } = paid;
  const http = await startHttpServer(
    createApp({
      merchants: cachedAuthentication(core.merchants),
      orders: core.orders,
      refunds: refunds.refunds,
      banks: core.banks,
      idempotency: core.idempotency,
      settlements: core.settlement,
      rateLimitPerMinute: config.http.rateLimitPerMinute,
      log,
      now,
      acquirerNotifications: notifications,
    }),
    '127.0.0.1',
    0,
  );
  // The calls in progress, as the Stasis app knows them (src/ari/stasis-app.ts, isLive).
  const liveCalls = new Set<string>();
  const jobs = startJobLoop(
    [
      () => recovery.run(),
      () => core.deliverer.deliverDue(),
      () => core.orders.expireDue(),
      () => core.callOrders.releaseEndedCalls((callId) => liveCalls.has(callId)),
      () => refunds.recovery.run(),
    ],
    start.timing.jobEveryMs,
    log,
  );
  const flow: PaymentFlowDeps = { orders: core.callOrders, cards: core.banks, payments, settings: config.ivr, now, log };

  return {
    port: http.address.port,
    flow,
    liveCalls,
    core,
    deps,
    diskFull,
    setClockOffset(ms: number) {
      offset = ms;
    },
    async stop() {
      await jobs.stop();
      paid.stopRecovery();
      await http.close();
      await payments.stop();
      await refunds.settler.stop();
      await db.destroy();
    },
  };
}

export type ChaosService = Awaited<ReturnType<typeof startChaosService>>;
