import type { Logger } from 'pino';

/**
 * The bundled sandbox acquirer (ACQUIRER=sandbox) as the ACP adapter needs it: where it listens,
 * the credentials it issued the merchant, and which of its test cards want an SMS code. It is a
 * separate program (sandbox-acquirer/), so the composition root passes its starter in.
 */
export interface SandboxAcquirer {
  endpoints: { backTrans: string; query: string; zonePinKey: string; fileTransfer: string };
  /** What ACQUIRER=acp reads from certificate files, from the sandbox's own PKI. */
  credentials: {
    /** The merchant's signing key and certificate. */
    signingKeyPem: string;
    signingCertPem: string;
    /** The acquirer's encryption certificate (card data, PIN). */
    encryptionCertPem: string;
    /** The chain and organisation the sandbox signs its answers and notifications under. */
    rootCertPem: string;
    middleCertPems: string[];
    organisation: string;
  };
  needsSmsCode(pan: string): boolean;
  stop(): Promise<void>;
}

export interface SandboxStart {
  port: number;
  /** How long a slow-answer card's answer is held. */
  slowAnswerMs: number;
  smsCodeForAll: boolean;
  /** The sandbox keeps its PKI, traffic log and ledger under it. */
  dataDir: string;
  now: () => Date;
  log: Logger;
}

export type StartSandboxAcquirer<S extends SandboxAcquirer> = (start: SandboxStart) => Promise<S>;
