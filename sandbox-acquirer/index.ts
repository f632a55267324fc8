/**
 * The sandbox acquirer's one entry for src: the composition root passes startSandboxAcquirer to
 * startAcquirer, which calls it when ACQUIRER=sandbox. It plays UnionPay's gateway over ACP (the
 * other end of src/acquirer/acp), deciding by the test cards of test-cards.ts.
 */
import path from 'node:path';
import type { SandboxAcquirer, SandboxStart } from '../src/acquirer/sandbox-port';
import { loadOrCreateTestPki, SANDBOX_ACQUIRER_ORG, type TestPki } from '../src/crypto/test-pki';
import { SANDBOX_PATHS } from './sandbox-server/sandbox-gateway';
import { startSandboxServer, type SandboxServer, type SandboxServerOptions } from './sandbox-server/sandbox-server';
import { findTestCard } from './test-cards';

/** Test knobs: notification schedule, slow answer, where the traffic log and ledger go. */
export type SandboxKnobs = Partial<
  Pick<SandboxServerOptions, 'notifyDelaysMs' | 'slowAnswerMs' | 'trafficLogFile' | 'ledgerFile'>
>;

export type RunningSandboxAcquirer = SandboxServer & SandboxAcquirer;

/** Where the sandbox keeps its PKI, traffic log and ledger: an ignored folder under DATA_DIR. */
export function sandboxAcquirerDir(dataDir: string): string {
  return path.join(dataDir, 'sandbox-acquirer');
}

/**
 * The time the PKI in DATA_DIR is made valid from: the service's clock, or the machine's when that is earlier. A service
 * under a test clock ahead of the machine's (test/helpers/test-clock.ts) would otherwise make certificates that other
 * processes sharing DATA_DIR, at the machine's time, reject as not yet valid (the cluster tests' nodes).
 */
function pkiClock(start: SandboxStart): Date {
  return new Date(Math.min(start.now().getTime(), Date.now()));
}

/**
 * The sandbox acquirer the running service started (on `start.port`), for a second process (the admin CLI's
 * `refund create`): its endpoints and the credentials of its PKI in DATA_DIR, nothing started, nothing to stop.
 */
export async function connectSandboxAcquirer(start: SandboxStart): Promise<SandboxAcquirer> {
  const pki = await loadOrCreateTestPki(path.join(sandboxAcquirerDir(start.dataDir), 'pki'), pkiClock(start));
  const base = `http://127.0.0.1:${start.port}`;
  return {
    endpoints: {
      backTrans: base + SANDBOX_PATHS.backTrans,
      query: base + SANDBOX_PATHS.query,
      zonePinKey: base + SANDBOX_PATHS.zonePinKey,
      fileTransfer: base + SANDBOX_PATHS.fileTransfer,
    },
    ...merchantSide(pki),
    stop: () => Promise.resolve(),
  };
}

/** Starts the sandbox acquirer server with its PKI (made at first start) in DATA_DIR/sandbox-acquirer/pki. */
export async function startSandboxAcquirer(start: SandboxStart, knobs: SandboxKnobs = {}): Promise<RunningSandboxAcquirer> {
  const dir = sandboxAcquirerDir(start.dataDir);
  const pki = await loadOrCreateTestPki(path.join(dir, 'pki'), pkiClock(start));
  const server = await startSandboxServer({
    port: start.port,
    pki,
    slowAnswerMs: start.slowAnswerMs,
    trafficLogFile: path.join(dir, 'traffic.log'),
    ledgerFile: path.join(dir, 'ledger.json'),
    policy: { smsCodeForAll: start.smsCodeForAll },
    now: start.now,
    log: start.log,
    ...knobs,
  });
  return {
    ...server,
    ...merchantSide(pki),
  };
}

/** What the service needs to talk to the sandbox as its merchant: its keys and the sandbox's trust, and the SMS rule. */
export function merchantSide(pki: TestPki): Pick<SandboxAcquirer, 'credentials' | 'needsSmsCode'> {
  return {
    credentials: {
      signingKeyPem: pki.merchantSigning.keyPem,
      signingCertPem: pki.merchantSigning.certPem,
      encryptionCertPem: pki.acquirerEncryption.certPem,
      rootCertPem: pki.root.certPem,
      middleCertPems: [pki.middle.certPem],
      organisation: SANDBOX_ACQUIRER_ORG,
    },
    needsSmsCode: (pan) => findTestCard(pan)?.needsSmsCode === true,
  };
}
