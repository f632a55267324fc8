import { randomBytes, type KeyObject } from 'node:crypto';
import { rsaDecryptOaep, rsaEncrypt, type RsaPadding } from './rsa';
import { assertTdeaKey, TDEA_KEY_BYTES, tdesEncryptEcb } from './triple-des';

/**
 * A zone PIN key (ZPK): the 3-key TDEA key under which PIN blocks travel to an acquirer that takes
 * TDEA instead of RSA-encrypted PINs. It is exchanged wrapped under the acquirer's RSA public key:
 * OAEP-SHA-256 for the bundled sandbox (it has to unwrap; Node cannot PKCS#1-v1.5-decrypt),
 * 'pkcs1' only if a real acquirer demands it. The key check value lets both sides confirm they
 * hold the same key without revealing it.
 */
export function generateZonePinKey(): Buffer {
  for (;;) {
    const key = randomBytes(TDEA_KEY_BYTES);
    if (distinctParts(key)) return key;
    key.fill(0);
  }
}

export function wrapZonePinKey(zpk: Buffer, acquirerPublicKey: KeyObject, padding: RsaPadding): string {
  assertTdeaKey(zpk);
  return rsaEncrypt(zpk, acquirerPublicKey, padding).toString('base64');
}

/** The acquirer side (sandbox) of the exchange; OAEP only. */
export function unwrapZonePinKey(wrapped: string, privateKey: KeyObject): Buffer {
  const zpk = rsaDecryptOaep(Buffer.from(wrapped, 'base64'), privateKey);
  try {
    assertTdeaKey(zpk);
  } catch (err) {
    zpk.fill(0);
    throw err;
  }
  return zpk;
}

/** The usual KCV: the first 3 bytes of the key's encryption of a zero block, upper-case hex. */
export function keyCheckValue(zpk: Buffer): string {
  const encrypted = tdesEncryptEcb(zpk, Buffer.alloc(8));
  const kcv = encrypted.subarray(0, 3).toString('hex').toUpperCase();
  encrypted.fill(0);
  return kcv;
}

function distinctParts(key: Buffer): boolean {
  try {
    assertTdeaKey(key);
    return true;
  } catch {
    return false;
  }
}
