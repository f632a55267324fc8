import CryptoJS from 'crypto-js';
import { CryptoError } from './crypto-error';

/**
 * The only user of crypto-js in the project (the brochure's "3DES"), and only for TDEA:
 * - keys are always WordArrays built from bytes; a string key would be a passphrase run through
 *   MD5-based EvpKDF (docs/reference/security.md §4.1);
 * - keys must be 24 bytes with three distinct parts: crypto-js silently turns an 8-byte key into
 *   single DES and a 16-byte key into 2-key TDEA, neither of which is strong cryptography;
 * - ECB without padding only for whole 8-byte blocks (the PIN block), CBC with an explicit IV
 *   and PKCS#7 padding for anything else.
 * test/crypto/triple-des.test.ts checks every function here byte for byte against node:crypto.
 */
export const TDEA_KEY_BYTES = 24;
export const TDEA_BLOCK_BYTES = 8;

type WordArray = CryptoJS.lib.WordArray;

export function assertTdeaKey(key: Buffer): void {
  if (key.length !== TDEA_KEY_BYTES) {
    throw new CryptoError('weak_tdea_key', 'a TDEA key must be 24 bytes (three distinct DES keys)');
  }
  const [k1, k2, k3] = [key.subarray(0, 8), key.subarray(8, 16), key.subarray(16, 24)];
  if (k1.equals(k2) || k2.equals(k3) || k1.equals(k3)) {
    throw new CryptoError('weak_tdea_key', 'the three 8-byte parts of a TDEA key must differ');
  }
}

/** TDEA-ECB, no padding: for PIN blocks (ISO 9564 "TECB"). */
export function tdesEncryptEcb(key: Buffer, data: Buffer): Buffer {
  assertWholeBlocks(data);
  return encrypt(key, data, { mode: CryptoJS.mode.ECB, padding: CryptoJS.pad.NoPadding });
}

export function tdesDecryptEcb(key: Buffer, data: Buffer): Buffer {
  assertWholeBlocks(data);
  return decrypt(key, data, { mode: CryptoJS.mode.ECB, padding: CryptoJS.pad.NoPadding });
}

/** TDEA-CBC with PKCS#7 padding; the IV must be 8 fresh random bytes per message. */
export function tdesEncryptCbc(key: Buffer, iv: Buffer, data: Buffer): Buffer {
  return withIv(iv, (ivWords) => encrypt(key, data, { mode: CryptoJS.mode.CBC, padding: CryptoJS.pad.Pkcs7, iv: ivWords }));
}

/** crypto-js does not check PKCS#7 padding when removing it, so this does, like node:crypto. */
export function tdesDecryptCbc(key: Buffer, iv: Buffer, data: Buffer): Buffer {
  assertWholeBlocks(data);
  const padded = withIv(iv, (ivWords) =>
    decrypt(key, data, { mode: CryptoJS.mode.CBC, padding: CryptoJS.pad.NoPadding, iv: ivWords }),
  );
  const n = padded[padded.length - 1];
  const validPadding = n >= 1 && n <= TDEA_BLOCK_BYTES && padded.subarray(padded.length - n).every((b) => b === n);
  if (!validPadding) {
    padded.fill(0);
    throw new CryptoError('invalid_padding', 'TDEA-CBC data does not end in valid PKCS#7 padding');
  }
  const plain = Buffer.from(padded.subarray(0, padded.length - n));
  padded.fill(0);
  return plain;
}

type CipherOptions = NonNullable<Parameters<typeof CryptoJS.TripleDES.encrypt>[2]>;

function encrypt(key: Buffer, data: Buffer, options: CipherOptions): Buffer {
  return withKey(key, (keyWords) => {
    const plain = toWordArray(data);
    const ciphertext = CryptoJS.TripleDES.encrypt(plain, keyWords, options).ciphertext;
    wipe(plain);
    const out = toBuffer(ciphertext);
    wipe(ciphertext);
    return out;
  });
}

function decrypt(key: Buffer, data: Buffer, options: CipherOptions): Buffer {
  return withKey(key, (keyWords) => {
    const params = CryptoJS.lib.CipherParams.create({ ciphertext: toWordArray(data) });
    const plain = CryptoJS.TripleDES.decrypt(params, keyWords, options);
    const out = toBuffer(plain);
    wipe(plain);
    return out;
  });
}

function withKey<T>(key: Buffer, use: (keyWords: WordArray) => T): T {
  assertTdeaKey(key);
  const keyWords = toWordArray(key);
  try {
    return use(keyWords);
  } finally {
    wipe(keyWords);
  }
}

function withIv<T>(iv: Buffer, use: (ivWords: WordArray) => T): T {
  if (iv.length !== TDEA_BLOCK_BYTES) throw new CryptoError('invalid_iv', 'a TDEA-CBC IV must be 8 bytes');
  return use(toWordArray(iv));
}

function assertWholeBlocks(data: Buffer): void {
  if (data.length === 0 || data.length % TDEA_BLOCK_BYTES !== 0) {
    throw new CryptoError('invalid_block_length', 'TDEA data must be a whole number of 8-byte blocks');
  }
}

function toWordArray(buf: Buffer): WordArray {
  const words: number[] = [];
  for (let i = 0; i < buf.length; i += 4) {
    words.push((buf[i] << 24) | ((buf[i + 1] ?? 0) << 16) | ((buf[i + 2] ?? 0) << 8) | (buf[i + 3] ?? 0) | 0);
  }
  return CryptoJS.lib.WordArray.create(words, buf.length);
}

function toBuffer(words: WordArray): Buffer {
  const out = Buffer.alloc(words.sigBytes);
  for (let i = 0; i < words.sigBytes; i++) out[i] = (words.words[i >>> 2] >>> (24 - (i % 4) * 8)) & 0xff;
  return out;
}

/** crypto-js keeps plain number arrays; overwrite them so key and PIN material does not linger. */
function wipe(words: WordArray): void {
  words.words.fill(0);
}
