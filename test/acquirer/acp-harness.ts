import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import pino, { type Logger } from 'pino';
import { createAcpAcquirer, type AcpAcquirer, type AcpAcquirerOptions } from '../../src/acquirer/acp/acp-acquirer';
import type { CardData } from '../../src/call/card-data';
import type { HolderData } from '../../src/call/holder-data';
import type { PaymentRequest } from '../../src/acquirer/acquirer-port';
import { formatTxnTime } from '../../src/acquirer/acp/txn-time';
import type { AcpTrust } from '../../src/acquirer/acp/verify-acp-message';
import {
  startSandboxServer,
  type SandboxServer,
  type SandboxServerOptions,
} from '../../sandbox-acquirer/sandbox-server/sandbox-server';
import { findTestCard, TEST_CVN2, TEST_EXPIRY_MMYY, TEST_PIN } from '../../sandbox-acquirer/test-cards';
import { certIdOf } from '../../src/crypto/certificates';
import { SANDBOX_ACQUIRER_ORG, type TestPki } from '../../src/crypto/test-pki';
import { fixturePki, PKI_NOW } from '../crypto/pki-fixture';
import { testOutputFile } from '../helpers/test-output';

export const MERCHANT_ID = '777290058110097';
/** Every sandbox test's traffic goes here, under data/, so the suite's closing card-data scan reads it too. */
export const TRAFFIC_LOG = 'sandbox-acquirer-traffic.log';

/** A clock inside the fixture PKI's validity; tests move it on. */
export function testClock(start = new Date(PKI_NOW.getTime() + 24 * 3600_000)) {
  let t = start.getTime();
  return { now: () => new Date(t), advance: (ms: number) => (t += ms) };
}

/** Collects what our backUrl receives; answers `status()` (200 unless a test says otherwise). */
export async function startReceiver(status: () => number = () => 200) {
  const bodies: string[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      bodies.push(Buffer.concat(chunks).toString('utf8'));
      res.writeHead(status()).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/acquirer/notify?source=acp`,
    bodies,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export function memoryLog(): { log: Logger; text: () => string } {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { log: pino({ level: 'debug', base: undefined, timestamp: false }, sink), text: () => lines.join('') };
}

export interface Harness {
  pki: TestPki;
  server: SandboxServer;
  acquirer: AcpAcquirer;
  trust: AcpTrust;
  clock: ReturnType<typeof testClock>;
  receiver: Awaited<ReturnType<typeof startReceiver>>;
  logText: () => string;
  /** A fresh request for a test card keyed as documented (the amount avoids digits of the card data). */
  request(pan: string, changes?: { card?: Partial<CardData>; holder?: HolderData; amount?: number }): PaymentRequest;
  stop(): Promise<void>;
}

let attempts = 0;

export async function startHarness(
  opts: {
    adapter?: Partial<AcpAcquirerOptions>;
    server?: Partial<SandboxServerOptions>;
    receiverStatus?: () => number;
  } = {},
): Promise<Harness> {
  const pki = await fixturePki();
  const clock = testClock();
  const { log, text } = memoryLog();
  const receiver = await startReceiver(opts.receiverStatus);
  const server = await startSandboxServer({
    port: 0,
    pki,
    slowAnswerMs: 600,
    notifyDelaysMs: [0, 20, 20, 20, 20],
    trafficLogFile: testOutputFile(TRAFFIC_LOG),
    now: clock.now,
    log,
    ...opts.server,
  });
  const trust: AcpTrust = {
    rootPem: pki.root.certPem,
    intermediatePems: [pki.middle.certPem],
    organisation: SANDBOX_ACQUIRER_ORG,
  };
  const acquirer = createAcpAcquirer({
    endpoints: server.endpoints,
    merchantId: MERCHANT_ID,
    signingKey: pki.merchantSigning.keyPem,
    signingCertId: certIdOf(pki.merchantSigning.certPem),
    encryptionCert: pki.acquirerEncryption.certPem,
    encryptionPadding: 'oaep',
    trust,
    pinMode: 'rsa',
    backUrl: receiver.url,
    timeoutMs: 300,
    smsCodeRequired: (card) => findTestCard(card.pan)?.needsSmsCode === true,
    now: clock.now,
    log,
    ...opts.adapter,
  });
  return {
    pki,
    server,
    acquirer,
    trust,
    clock,
    receiver,
    logText: text,
    request(pan, changes = {}) {
      attempts += 1;
      const kind = findTestCard(pan)?.kind ?? 'debit';
      const card: CardData =
        kind === 'debit' ? { pan, kind, pin: TEST_PIN } : { pan, kind, cvn2: TEST_CVN2, expiryMmyy: TEST_EXPIRY_MMYY };
      return {
        orderId: 'ord_5f0c1a2b3c4d5e6f7a8b',
        // Hex-like digits only next to other digits, so no test digits (PIN, CVN2) appear on their own in the logs.
        attemptId: `att_${attempts.toString(16).padStart(20, '0')}-1`,
        amount: changes.amount ?? 4599,
        currency: 'CNY',
        txnTime: formatTxnTime(clock.now()),
        card: { ...card, ...changes.card },
        holder: changes.holder ?? {},
      };
    },
    async stop() {
      await server.stop();
      await receiver.close();
    },
  };
}
