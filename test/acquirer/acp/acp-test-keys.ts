import { createPrivateKey, X509Certificate, type KeyObject } from 'node:crypto';
import type { FieldEncryption } from '../../../src/acquirer/acp/field-encryption';
import { certIdOf } from '../../../src/crypto/certificates';
import { rsaDecryptOaep } from '../../../src/crypto/rsa';
import type { TestPki } from '../../../src/crypto/test-pki';

/** The sandbox side of the fixture PKI's encryption certificate, for decrypting what a test sent. */
export interface AcquirerKeys {
  encryption: FieldEncryption;
  decrypt: (base64: string) => Buffer;
  privateKey: KeyObject;
}

export function acquirerKeys(pki: TestPki): AcquirerKeys {
  const privateKey = createPrivateKey(pki.acquirerEncryption.keyPem);
  return {
    encryption: {
      publicKey: new X509Certificate(pki.acquirerEncryption.certPem).publicKey,
      certId: certIdOf(pki.acquirerEncryption.certPem),
      padding: 'oaep',
    },
    decrypt: (base64) => rsaDecryptOaep(Buffer.from(base64, 'base64'), privateKey),
    privateKey,
  };
}
