import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import type { Logger } from 'pino';
import type { TestPki } from '../../src/crypto/test-pki';
import { errorSummary } from '../../src/log/error-summary';
import type { AcpFields } from '../../src/acquirer/acp/acp-fields';
import { decodeForm, encodeAnswer } from '../../src/acquirer/acp/form-codec';
import { signFields } from '../../src/acquirer/acp/sign-string';
import type { DecisionPolicy } from '../sandbox-decision';
import { createSandboxLedger } from '../sandbox-ledger';
import { createPinTries } from '../sandbox-pin-tries';
import type { GatewayContext } from './gateway-context';
import { notificationFields } from './notification-fields';
import { createNotifier } from './notifier';
import { reconciliationFile } from './reconciliation-file';
import { handleGatewayRequest, SANDBOX_PATHS } from './sandbox-gateway';
import { sandboxKeys } from './sandbox-keys';
import { flipRespCode, readBody, sendText } from './http-io';
import { createTrafficLog } from './traffic-log';

export interface SandboxServerOptions {
  /** Always loopback by default: the sandbox decrypts card data. */
  host?: string;
  /** 0: any free port (tests). */
  port: number;
  pki: TestPki;
  /** How long a 'slow_answer' card's answer is held: make it longer than the adapter's timeout. */
  slowAnswerMs: number;
  /** Waits before each notification send; default UnionPay's 0, 1, 2, 4, 5 min. */
  notifyDelaysMs?: readonly number[];
  notifyTimeoutMs?: number;
  trafficLogFile?: string;
  /** Keeps the transactions across restarts, so queries still find them. */
  ledgerFile?: string;
  policy?: DecisionPolicy;
  now?: () => Date;
  log: Logger;
}

export interface SandboxStats {
  /** Consume requests received per orderId, duplicates included. */
  consumesByOrderId: Record<string, number>;
  notificationsSent: number;
}

export interface SandboxServer {
  /** Base URL, e.g. http://127.0.0.1:3001 */
  url: string;
  endpoints: { backTrans: string; query: string; zonePinKey: string; fileTransfer: string };
  stats(): SandboxStats;
  /** The reconciliation file of a settlement date (YYYYMMDD, Beijing). */
  reconciliation(settleDate: string, merId?: string): string;
  /** Resolves when no notification is due or in flight. */
  notificationsIdle(): Promise<void>;
  testHooks: {
    /** The next `count` answers get one byte of respCode flipped after signing (a tampered answer). */
    tamperNextAnswers(count?: number): void;
  };
  stop(): Promise<void>;
}

/** The bundled sandbox acquirer: ACP 5.1.0 back-end endpoints over HTTP, deciding by test card. */
export async function startSandboxServer(opts: SandboxServerOptions): Promise<SandboxServer> {
  const now = opts.now ?? (() => new Date());
  const log = opts.log.child({ component: 'sandbox-acquirer' });
  const keys = sandboxKeys(opts.pki);
  const traffic = createTrafficLog(opts.trafficLogFile);
  const sign = (fields: AcpFields) =>
    signFields({ ...fields, signPubKeyCert: keys.signingCertPem }, keys.signingKey, keys.signingCertId);
  const notifier = createNotifier({ delaysMs: opts.notifyDelaysMs, timeoutMs: opts.notifyTimeoutMs, sign, traffic, now, log });
  const ctx: GatewayContext = {
    keys,
    ledger: createSandboxLedger({ file: opts.ledgerFile }),
    pinTries: createPinTries(),
    policy: opts.policy ?? { smsCodeForAll: false },
    zonePinKeys: new Map(),
    smsSent: new Set(),
    consumes: new Map(),
    slowAnswerMs: opts.slowAnswerMs,
    now,
    notify: (entry, backUrl) => notifier.notify(backUrl, notificationFields(entry)),
  };
  const stopping = new AbortController();
  let tamper = 0;

  async function serve(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://sandbox');
    if (req.method === 'GET' && url.pathname === '/sandbox/stats')
      return sendText(res, 200, JSON.stringify(stats()), 'application/json');
    const recon = /^\/sandbox\/reconciliation\/(\d{8})$/.exec(url.pathname);
    if (req.method === 'GET' && recon)
      return sendText(res, 200, reconciliation(recon[1], url.searchParams.get('merId') ?? undefined));
    if (req.method !== 'POST' || !Object.values(SANDBOX_PATHS).includes(url.pathname as never))
      return sendText(res, 404, 'not found');

    const body = await readBody(req);
    let fields: AcpFields;
    try {
      if (body === undefined) throw new Error('too large');
      fields = decodeForm(body);
    } catch {
      traffic.record({ dir: 'in', path: url.pathname, note: 'unreadable request' }, now());
      return sendText(res, 400, 'not an ACP form');
    }
    traffic.record({ dir: 'in', path: url.pathname, fields }, now());
    const reply = handleGatewayRequest(url.pathname, fields, ctx);
    if (reply.kind === 'refuse') {
      traffic.record({ dir: 'out', path: url.pathname, status: 503 }, now());
      return sendText(res, 503, 'service unavailable');
    }
    log.info(
      { path: url.pathname, txnType: fields.txnType, orderId: fields.orderId, respCode: reply.fields.respCode },
      'sandbox acquirer answered',
    );
    if (reply.delayMs) {
      try {
        await delay(reply.delayMs, undefined, { signal: stopping.signal });
      } catch {
        res.destroy();
        return;
      }
    }
    traffic.record({ dir: 'out', path: url.pathname, status: 200, fields: reply.fields }, now());
    let text = encodeAnswer(sign(reply.fields));
    if (tamper > 0) {
      tamper -= 1;
      text = flipRespCode(text);
    }
    sendText(res, 200, text);
  }

  function stats(): SandboxStats {
    return { consumesByOrderId: Object.fromEntries(ctx.consumes), notificationsSent: notifier.sentCount() };
  }

  function reconciliation(settleDate: string, merId?: string): string {
    return reconciliationFile(ctx.ledger.entries(), settleDate, { merId });
  }

  const server = http.createServer((req, res) => {
    serve(req, res).catch((err: unknown) => {
      log.error({ err: errorSummary(err) }, 'sandbox acquirer failed on a request');
      if (!res.headersSent) sendText(res, 500, 'internal error');
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  const base = `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`;
  log.info({ url: base }, 'sandbox acquirer listening');

  return {
    url: base,
    endpoints: {
      backTrans: base + SANDBOX_PATHS.backTrans,
      query: base + SANDBOX_PATHS.query,
      zonePinKey: base + SANDBOX_PATHS.zonePinKey,
      fileTransfer: base + SANDBOX_PATHS.fileTransfer,
    },
    stats,
    reconciliation,
    notificationsIdle: () => notifier.idle(),
    testHooks: {
      tamperNextAnswers(count = 1) {
        tamper += count;
      },
    },
    async stop() {
      stopping.abort();
      notifier.stop();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
