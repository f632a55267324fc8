import fs from 'node:fs';
import path from 'node:path';

/** UnionPay's self-service test merchant number; the sandbox accepts any 15 digits. */
export const SANDBOX_MERCHANT_ID = '777290058110097';
/** The third `@` part of the CN of UnionPay's signing certificates. */
export const UNIONPAY_ORGANISATION = '中国银联股份有限公司';

export interface AcquirerSettings {
  /** sandbox: the bundled sandbox acquirer server, started in-process; acp: a real ACP endpoint. */
  kind: 'sandbox' | 'acp';
  /** How long one request to the acquirer may take. */
  timeoutMs: number;
  /**
   * How long a caller waits for a final answer (consume and queries) before hearing "we are
   * confirming your payment"; the payment is then settled in the background. Default 20 s.
   */
  callerWaitMs?: number;
  /** acp only: the gateway's base URL, e.g. https://gateway.test.95516.com */
  url?: string;
  /** acp only: where file transfer (txnType 76, the daily reconciliation file) is POSTed; unset: not used. */
  fileTransferUrl?: string;
  merchantId: string;
  /** acp only: PEM files (absolute paths). The sandbox makes its own PKI. */
  files?: { signKey: string; signCert: string; encryptCert: string; rootCert: string; middleCert: string };
  signKeyPassphrase?: string;
  /** Whose signing certificates answers must carry (acp; the sandbox uses its own name). */
  certOrganisation: string;
  encryptionPadding: 'pkcs1' | 'oaep';
  pinMode: 'rsa' | 'tdea';
  /** required: the merchant's field set wants an SMS code for every card (the sandbox's SMS card always does). */
  smsCode: 'off' | 'required';
  /** Our notification endpoint, sent as backUrl. */
  notifyUrl: string;
  sandboxPort: number;
  /** The acquirer's daily cut-off, Beijing HH:MM (ACQUIRER_CUT_OFF, default 23:00): cancels (31) only before it. */
  cutOff: string;
}

const ACP_REQUIRED = ['ACQUIRER_URL', 'ACQUIRER_NOTIFY_URL'] as const;
const ACP_FILES = {
  signKey: 'ACQUIRER_SIGN_KEY_FILE',
  signCert: 'ACQUIRER_SIGN_CERT_FILE',
  encryptCert: 'ACQUIRER_ENCRYPT_CERT_FILE',
  rootCert: 'ACQUIRER_ROOT_CERT_FILE',
  middleCert: 'ACQUIRER_MIDDLE_CERT_FILE',
} as const;

/** Problems that come from settings together (ACQUIRER=acp needs its endpoint and certificates). */
export function acquirerProblems(env: Record<string, string | undefined>): string[] {
  const problems: string[] = [];
  if (env.ACQUIRER === 'acp') {
    for (const name of ACP_REQUIRED) if (!env[name]) problems.push(`${name}: required when ACQUIRER=acp`);
    for (const name of Object.values(ACP_FILES)) {
      const file = env[name];
      if (!file) problems.push(`${name}: required when ACQUIRER=acp`);
      else if (!fs.existsSync(file)) problems.push(`${name}: no such file: ${file}`);
    }
  } else if (env.ACQUIRER_ENCRYPTION_PADDING === 'pkcs1') {
    problems.push('ACQUIRER_ENCRYPTION_PADDING: the sandbox acquirer decrypts RSA-OAEP only; use oaep (pkcs1 is for UnionPay)');
  }
  return problems;
}

export interface AcquirerEnv {
  ACQUIRER: 'sandbox' | 'acp';
  ACQUIRER_TIMEOUT_MS: number;
  ACQUIRER_CALLER_WAIT_MS?: number;
  ACQUIRER_URL?: string;
  ACQUIRER_FILE_TRANSFER_URL?: string;
  ACQUIRER_MERCHANT_ID: string;
  ACQUIRER_SIGN_KEY_FILE?: string;
  ACQUIRER_SIGN_KEY_PASSPHRASE?: string;
  ACQUIRER_SIGN_CERT_FILE?: string;
  ACQUIRER_ENCRYPT_CERT_FILE?: string;
  ACQUIRER_ROOT_CERT_FILE?: string;
  ACQUIRER_MIDDLE_CERT_FILE?: string;
  ACQUIRER_CERT_ORGANISATION: string;
  ACQUIRER_ENCRYPTION_PADDING?: 'pkcs1' | 'oaep';
  ACQUIRER_PIN_MODE: 'rsa' | 'tdea';
  ACQUIRER_SMS_CODE: 'off' | 'required';
  ACQUIRER_NOTIFY_URL?: string;
  SANDBOX_ACQUIRER_PORT: number;
  ACQUIRER_CUT_OFF: string;
}

/** Call after acquirerProblems found nothing. */
export function acquirerSettings(e: AcquirerEnv, httpPort: number): AcquirerSettings {
  const acp = e.ACQUIRER === 'acp';
  const file = (name: string | undefined) => path.resolve(name ?? '');
  return {
    kind: e.ACQUIRER,
    timeoutMs: e.ACQUIRER_TIMEOUT_MS,
    callerWaitMs: e.ACQUIRER_CALLER_WAIT_MS ?? 20_000,
    url: acp ? e.ACQUIRER_URL?.replace(/\/+$/, '') : undefined,
    ...(acp && e.ACQUIRER_FILE_TRANSFER_URL ? { fileTransferUrl: e.ACQUIRER_FILE_TRANSFER_URL } : {}),
    merchantId: e.ACQUIRER_MERCHANT_ID,
    files: acp
      ? {
          signKey: file(e.ACQUIRER_SIGN_KEY_FILE),
          signCert: file(e.ACQUIRER_SIGN_CERT_FILE),
          encryptCert: file(e.ACQUIRER_ENCRYPT_CERT_FILE),
          rootCert: file(e.ACQUIRER_ROOT_CERT_FILE),
          middleCert: file(e.ACQUIRER_MIDDLE_CERT_FILE),
        }
      : undefined,
    signKeyPassphrase: e.ACQUIRER_SIGN_KEY_PASSPHRASE,
    certOrganisation: e.ACQUIRER_CERT_ORGANISATION,
    encryptionPadding: e.ACQUIRER_ENCRYPTION_PADDING ?? (acp ? 'pkcs1' : 'oaep'),
    pinMode: e.ACQUIRER_PIN_MODE,
    smsCode: e.ACQUIRER_SMS_CODE,
    notifyUrl: e.ACQUIRER_NOTIFY_URL ?? `http://127.0.0.1:${httpPort}/acquirer/notify`,
    sandboxPort: e.SANDBOX_ACQUIRER_PORT,
    cutOff: e.ACQUIRER_CUT_OFF,
  };
}
