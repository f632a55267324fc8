import type { KeyObject } from 'node:crypto';
import { rsaEncrypt, type RsaPadding } from '../../crypto/rsa';

/**
 * The acquirer's encryption certificate as the adapter uses it for accNo, the PIN and
 * customerInfo.encryptedInfo: its public key, its serial (sent as `encryptCertId`) and the padding
 * ('pkcs1' for real UnionPay, 'oaep' for the bundled sandbox; see src/crypto/rsa.ts).
 */
export interface FieldEncryption {
  publicKey: KeyObject;
  certId: string;
  padding: RsaPadding;
}

/** base64(RSA(plain)). Wipes `plain`: callers hand over a buffer made for this one use. */
export function encryptField(plain: Buffer, encryption: FieldEncryption): string {
  try {
    return rsaEncrypt(plain, encryption.publicKey, encryption.padding).toString('base64');
  } finally {
    plain.fill(0);
  }
}
