import fs from 'node:fs/promises';
import { createPrivateKey } from 'node:crypto';
import path from 'node:path';
import type { Logger } from 'pino';
import type { AcquirerSettings } from '../config/acquirer-settings';
import { certIdOf } from '../crypto/certificates';
import { loadOrCreateTestPki, SANDBOX_ACQUIRER_ORG } from '../crypto/test-pki';
import { createAcpAcquirer, type AcpAcquirer, type AcpTrust } from './acp';
import { startSandboxServer, type SandboxServer, type SandboxServerOptions } from './sandbox-server/sandbox-server';
import { findTestCard } from './test-cards';

export interface RunningAcquirer {
  /** Also checks the notifications POSTed to our backUrl (parseNotification: chain, signature, merchant, age). */
  acquirer: AcpAcquirer;
  /** Present with ACQUIRER=sandbox. */
  sandbox?: SandboxServer;
  stop(): Promise<void>;
}

export interface StartAcquirerDeps {
  dataDir: string;
  now: () => Date;
  log: Logger;
  /** Overrides settings.notifyUrl, e.g. once the HTTP server's real port is known. */
  notifyUrl?: string;
  /** Sandbox knobs for tests (notification schedule, slow answer). */
  sandbox?: Partial<Pick<SandboxServerOptions, 'notifyDelaysMs' | 'slowAnswerMs' | 'trafficLogFile' | 'ledgerFile'>>;
}

/** Where the sandbox keeps its PKI, traffic log and ledger: an ignored folder under DATA_DIR. */
export function sandboxAcquirerDir(dataDir: string): string {
  return path.join(dataDir, 'sandbox-acquirer');
}

/**
 * The acquirer the settings ask for. sandbox: starts the bundled sandbox acquirer server (its PKI
 * made at first start) and points the ACP adapter at it; acp: the adapter on a real endpoint with
 * the configured certificates. Either way the service talks ACP over HTTP.
 */
export async function startAcquirer(settings: AcquirerSettings, deps: StartAcquirerDeps): Promise<RunningAcquirer> {
  const backUrl = deps.notifyUrl ?? settings.notifyUrl;
  const common = {
    merchantId: settings.merchantId,
    encryptionPadding: settings.encryptionPadding,
    pinMode: settings.pinMode,
    backUrl,
    timeoutMs: settings.timeoutMs,
    now: deps.now,
    log: deps.log,
  };
  const running = (acquirer: AcpAcquirer, sandbox?: SandboxServer): RunningAcquirer => ({
    acquirer,
    sandbox,
    stop: async () => sandbox?.stop(),
  });

  if (settings.kind === 'acp') {
    const files = settings.files;
    if (!files || !settings.url) throw new Error('ACQUIRER=acp needs ACQUIRER_URL and the certificate files');
    const read = (file: string) => fs.readFile(file, 'utf8');
    const trust: AcpTrust = {
      rootPem: await read(files.rootCert),
      intermediatePems: pemBlocks(await read(files.middleCert)),
      organisation: settings.certOrganisation,
    };
    const signCert = await read(files.signCert);
    const acquirer = createAcpAcquirer({
      ...common,
      endpoints: {
        backTrans: `${settings.url}/gateway/api/backTransReq.do`,
        query: `${settings.url}/gateway/api/queryTrans.do`,
        zonePinKey: `${settings.url}/gateway/api/zonePinKey.do`,
      },
      signingKey: createPrivateKey({ key: await read(files.signKey), passphrase: settings.signKeyPassphrase }),
      signingCertId: certIdOf(signCert),
      encryptionCert: await read(files.encryptCert),
      trust,
      smsCodeRequired: () => settings.smsCode === 'required',
    });
    return running(acquirer);
  }

  const dir = sandboxAcquirerDir(deps.dataDir);
  const pki = await loadOrCreateTestPki(path.join(dir, 'pki'), deps.now());
  const sandbox = await startSandboxServer({
    port: settings.sandboxPort,
    pki,
    // Longer than our timeout, so the slow-answer card really times out.
    slowAnswerMs: settings.timeoutMs + 2000,
    trafficLogFile: path.join(dir, 'traffic.log'),
    ledgerFile: path.join(dir, 'ledger.json'),
    policy: { smsCodeForAll: settings.smsCode === 'required' },
    now: deps.now,
    log: deps.log,
    ...deps.sandbox,
  });
  const trust: AcpTrust = {
    rootPem: pki.root.certPem,
    intermediatePems: [pki.middle.certPem],
    organisation: SANDBOX_ACQUIRER_ORG,
  };
  const acquirer = createAcpAcquirer({
    ...common,
    endpoints: sandbox.endpoints,
    signingKey: pki.merchantSigning.keyPem,
    signingCertId: certIdOf(pki.merchantSigning.certPem),
    encryptionCert: pki.acquirerEncryption.certPem,
    trust,
    smsCodeRequired: (card) => settings.smsCode === 'required' || findTestCard(card.pan)?.needsSmsCode === true,
  });
  return running(acquirer, sandbox);
}

/** A middle-certificate file may hold more than one certificate. */
function pemBlocks(text: string): string[] {
  return text.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
}
