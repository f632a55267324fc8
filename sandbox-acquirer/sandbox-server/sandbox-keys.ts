import { createPrivateKey, type KeyObject } from 'node:crypto';
import { certIdOf } from '../../src/crypto/certificates';
import type { TestPki } from '../../src/crypto/test-pki';

/** The sandbox acquirer's keys as its handlers use them, read once from its test PKI. */
export interface SandboxKeys {
  signingKey: KeyObject;
  signingCertPem: string;
  signingCertId: string;
  encryptionKey: KeyObject;
  encryptionCertId: string;
  /** The one merchant certificate it issued and accepts signatures from. */
  merchantCertPem: string;
  merchantCertId: string;
}

export function sandboxKeys(pki: TestPki): SandboxKeys {
  return {
    signingKey: createPrivateKey(pki.acquirerSigning.keyPem),
    signingCertPem: pki.acquirerSigning.certPem,
    signingCertId: certIdOf(pki.acquirerSigning.certPem),
    encryptionKey: createPrivateKey(pki.acquirerEncryption.keyPem),
    encryptionCertId: certIdOf(pki.acquirerEncryption.certPem),
    merchantCertPem: pki.merchantSigning.certPem,
    merchantCertId: certIdOf(pki.merchantSigning.certPem),
  };
}
