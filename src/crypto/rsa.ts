import { constants, privateDecrypt, publicEncrypt, sign, verify, type KeyObject } from 'node:crypto';

/**
 * How sensitive fields are RSA-encrypted for the acquirer.
 * - 'pkcs1': RSA/ECB/PKCS1Padding, what real UnionPay expects for accNo, the PIN and encryptedInfo.
 *   Node 20 can encrypt this way but refuses to decrypt it (CVE-2023-46809, the Marvin attack), and
 *   reverting that protection is not an option.
 * - 'oaep': RSA-OAEP with SHA-256 (label-less, MGF1-SHA-256). The bundled sandbox acquirer must decrypt
 *   what we send, so the adapter talks 'oaep' to it; point it at real UnionPay and configure 'pkcs1'.
 * The merchant side never decrypts anything, so it never needs PKCS#1 v1.5 decryption.
 */
export type RsaPadding = 'pkcs1' | 'oaep';

export function rsaEncrypt(data: Buffer, publicKey: KeyObject, padding: RsaPadding): Buffer {
  if (padding === 'pkcs1') return publicEncrypt({ key: publicKey, padding: constants.RSA_PKCS1_PADDING }, data);
  return publicEncrypt({ key: publicKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' }, data);
}

/** OAEP only, see RsaPadding. Throws when the ciphertext is not ours or was tampered with. */
export function rsaDecryptOaep(data: Buffer, privateKey: KeyObject): Buffer {
  return privateDecrypt({ key: privateKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' }, data);
}

/** SHA256withRSA (PKCS#1 v1.5 signature), as Java's Signature "SHA256withRSA". */
export function rsaSignSha256(data: Buffer, privateKey: KeyObject): Buffer {
  return sign('sha256', data, privateKey);
}

/** False for a wrong signature and for anything malformed: a verifier must not throw on hostile input. */
export function rsaVerifySha256(data: Buffer, signature: Buffer, publicKey: KeyObject): boolean {
  try {
    return verify('sha256', data, publicKey, signature);
  } catch {
    return false;
  }
}
