import fs from 'node:fs/promises';
import { createPrivateKey } from 'node:crypto';
import type { Logger } from 'pino';
import type { AcquirerSettings } from '../config/acquirer-settings';
import { certIdOf } from '../crypto/certificates';
import { createAcpAcquirer, type AcpAcquirer, type AcpTrust } from './acp';
import type { SandboxAcquirer, StartSandboxAcquirer } from './sandbox-port';

export interface RunningAcquirer<S extends SandboxAcquirer = SandboxAcquirer> {
  /** Also checks the notifications POSTed to our backUrl (parseNotification: chain, signature, merchant, age). */
  acquirer: AcpAcquirer;
  /** Present with ACQUIRER=sandbox. */
  sandbox?: S;
  /** Where transactions are sent: what readiness checks the acquirer is reachable at. */
  endpoint: string;
  stop(): Promise<void>;
}

export interface StartAcquirerDeps<S extends SandboxAcquirer = SandboxAcquirer> {
  dataDir: string;
  now: () => Date;
  log: Logger;
  /** Overrides settings.notifyUrl, e.g. once the HTTP server's real port is known. */
  notifyUrl?: string;
  /** Called with ACQUIRER=sandbox only. */
  startSandbox: StartSandboxAcquirer<S>;
}

/**
 * The acquirer the settings ask for. sandbox: starts the bundled sandbox acquirer server (with
 * deps.startSandbox) and points the ACP adapter at it; acp: the adapter on a real endpoint with
 * the configured certificates. Either way the service talks ACP over HTTP.
 */
export async function startAcquirer<S extends SandboxAcquirer>(
  settings: AcquirerSettings,
  deps: StartAcquirerDeps<S>,
): Promise<RunningAcquirer<S>> {
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
  const running = (acquirer: AcpAcquirer, endpoint: string, sandbox?: S): RunningAcquirer<S> => ({
    acquirer,
    sandbox,
    endpoint,
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
    const backTrans = `${settings.url}/gateway/api/backTransReq.do`;
    const acquirer = createAcpAcquirer({
      ...common,
      endpoints: {
        backTrans,
        query: `${settings.url}/gateway/api/queryTrans.do`,
        zonePinKey: `${settings.url}/gateway/api/zonePinKey.do`,
        ...(settings.fileTransferUrl ? { fileTransfer: settings.fileTransferUrl } : {}),
      },
      signingKey: createPrivateKey({ key: await read(files.signKey), passphrase: settings.signKeyPassphrase }),
      signingCertId: certIdOf(signCert),
      encryptionCert: await read(files.encryptCert),
      trust,
      smsCodeRequired: () => settings.smsCode === 'required',
    });
    return running(acquirer, backTrans);
  }

  const sandbox = await deps.startSandbox({
    port: settings.sandboxPort,
    // Longer than our timeout, so the slow-answer card really times out.
    slowAnswerMs: settings.timeoutMs + 2000,
    smsCodeForAll: settings.smsCode === 'required',
    dataDir: deps.dataDir,
    now: deps.now,
    log: deps.log,
  });
  const { credentials } = sandbox;
  const trust: AcpTrust = {
    rootPem: credentials.rootCertPem,
    intermediatePems: credentials.middleCertPems,
    organisation: credentials.organisation,
  };
  const acquirer = createAcpAcquirer({
    ...common,
    endpoints: sandbox.endpoints,
    signingKey: credentials.signingKeyPem,
    signingCertId: certIdOf(credentials.signingCertPem),
    encryptionCert: credentials.encryptionCertPem,
    trust,
    smsCodeRequired: (card) => settings.smsCode === 'required' || sandbox.needsSmsCode(card.pan),
  });
  return running(acquirer, sandbox.endpoints.backTrans, sandbox);
}

/** A middle-certificate file may hold more than one certificate. */
function pemBlocks(text: string): string[] {
  return text.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
}
