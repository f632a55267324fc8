import { loadConfig, type Config } from '../../src/config/config';
import { loadOrCreateSandboxSecrets } from '../../src/config/sandbox-secrets';
import { connectSimulatedCaller, type SimulatedCaller } from '../../simulator/simulated-caller';
import { createLogger } from '../../src/log/logger';
import type { CallbackView } from '../../src/callback/callback-view';
import type { OrderView } from '../../src/order/order-view';
import { startService, type RunningService, type ServiceOverrides } from '../../src/service';
import { testOutputFile } from './test-output';

/** The Stasis app and dialplan context the test suite uses, so a running `npm start` is never disturbed. */
export const TEST_APP = 'ivrpay-test';
export const TEST_CONTEXT = 'ivrpay-inbound-test';

export interface E2eHarness {
  service: RunningService;
  /** The configuration the service runs with (DATA_DIR, SQLite file, callback settings …). */
  config: Config;
  caller: SimulatedCaller;
  apiBase: string;
  apiKey: string;
  /** The merchant whose API key `apiKey` is. */
  merchantId: string;
  stop(): Promise<void>;
}

export interface E2eOptions {
  /** The service's clock (test/helpers/test-clock.ts), e.g. to be inside calling hours and to make redials due. */
  now?: () => Date;
  /** Agent-assisted calls: the agent directory, and the negative control's DTMF absorption (ServiceOverrides). */
  agentAssist?: ServiceOverrides['agentAssist'];
}

/**
 * The whole service in-process (real Asterisk, real SQLite file, HTTP and the sandbox acquirer server
 * on free ports, its traffic log under data/test-output for the card-data scan) plus a simulated cardholder.
 * Started again with the same `name`, it opens the same SQLite file (a restart).
 */
export async function startE2e(name: string, env: Record<string, string> = {}, opts: E2eOptions = {}): Promise<E2eHarness> {
  const config = loadConfig({ ...process.env, ...e2eEnv(name), ...env });
  const log = createLogger({ level: config.log.level, file: config.log.file, destination: { write: () => undefined } });
  const service = await startService(config, log, {
    ...(opts.now ? { now: opts.now } : {}),
    ...(opts.agentAssist ? { agentAssist: opts.agentAssist } : {}),
    sandboxAcquirer: e2eSandboxAcquirer(name),
  });
  const caller = await connectSimulatedCaller({
    url: config.ari.url,
    user: config.ari.user,
    password: config.ari.password ?? loadOrCreateSandboxSecrets(config.dataDir).ariPassword,
    app: `${TEST_APP}-caller`,
    requestTimeoutMs: config.ari.requestTimeoutMs,
  });
  const { apiKey, id: merchantId } = await service.merchants.createMerchant(`e2e ${name}`);
  return {
    service,
    config,
    caller,
    apiBase: `http://127.0.0.1:${service.http.address.port}`,
    apiKey,
    merchantId,
    async stop() {
      await caller.close();
      await service.stop({ graceMs: 2000 });
    },
  };
}

/** The settings of the service `name` of an end-to-end test: the test app, free ports, its own files under test-output. */
export function e2eEnv(name: string): Record<string, string> {
  return {
    ARI_APP: TEST_APP,
    HTTP_PORT: '0',
    METRICS_PORT: '0',
    SQLITE_FILE: testOutputFile(`${name}.sqlite`),
    LOG_FILE: testOutputFile(`${name}.log`),
    LOG_LEVEL: 'debug',
    IVR_FIRST_DIGIT_TIMEOUT_MS: '4000',
    IVR_INTER_DIGIT_TIMEOUT_MS: '3000',
    // The language offer has its own test (test/e2e/language-switch.e2e.test.ts); the others skip its wait.
    LANGUAGE_SWITCH: 'off',
    SANDBOX_ACQUIRER_PORT: '0',
    // The overload guard judges this machine's load, which the suite beside the service makes noisy; its verdicts
    // are unit-tested (test/admission), the line ceiling end to end (test/e2e/admission.e2e.test.ts).
    ADMISSION_ARI_P99_MS: '0',
    ADMISSION_EVENT_LOOP_P99_MS: '0',
    // The tests' merchant endpoints listen on 127.0.0.1.
    NOTIFY_ALLOW_PRIVATE_NETWORKS: 'true',
  };
}

/** Where the sandbox acquirer of the service `name` writes its traffic and ledger (scanned for card data). */
export function e2eSandboxAcquirer(name: string): { trafficLogFile: string; ledgerFile: string } {
  return {
    trafficLogFile: testOutputFile(`${name}-acquirer-traffic.log`),
    ledgerFile: testOutputFile(`${name}-acquirer-ledger.json`),
  };
}

/** Where a merchant reaches the API, and its key. */
export type MerchantApi = Pick<E2eHarness, 'apiBase' | 'apiKey'>;

/** A callback order as its merchant reads it. */
export type CallbackOrderView = OrderView & { callback: CallbackView };

/** The merchant API's answer, read as an order (every call here is an order's): the tests' assertions check it. */
export async function api(h: MerchantApi, path: string, body?: unknown): Promise<OrderView> {
  const res = await fetch(`${h.apiBase}${path}`, {
    method: body ? 'POST' : 'GET',
    headers: { authorization: `Bearer ${h.apiKey}`, 'content-type': 'application/json' },
    body: body ? JSON.stringify(body) : undefined,
  });
  return (await res.json()) as OrderView;
}

let orderNumber = 0;
export async function newOrder(h: MerchantApi, amount = 12345): Promise<{ id: string; payCode: string }> {
  orderNumber += 1;
  const order = await api(h, '/v1/orders', {
    merchantOrderId: `E2E${Date.now()}${orderNumber}`,
    amount,
    currency: 'CNY',
    mode: 'inbound',
  });
  if (!order.payCode) throw new Error(`order not created: ${JSON.stringify(order)}`);
  return { id: order.id, payCode: order.payCode };
}

/** A callback order (mode callback) for `phone`, through the merchant API; the whole order as created. */
export async function newCallbackOrder(h: E2eHarness, phone: string, amount = 12345): Promise<CallbackOrderView> {
  orderNumber += 1;
  const order = await api(h, '/v1/orders', {
    merchantOrderId: `E2ECB${Date.now()}${orderNumber}`,
    amount,
    currency: 'CNY',
    mode: 'callback',
    phone,
  });
  if (!order.payCode || !order.callback) throw new Error(`callback order not created: ${JSON.stringify(order)}`);
  return { ...order, callback: order.callback };
}
