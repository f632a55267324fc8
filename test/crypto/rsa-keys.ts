import { generateKeyPairSync, type KeyObject } from 'node:crypto';

const cache = new Map<string, { publicKey: KeyObject; privateKey: KeyObject }>();

/** A 2048-bit RSA key pair per name, made once per test run. */
export function rsaKeyPair(name: string): { publicKey: KeyObject; privateKey: KeyObject } {
  let pair = cache.get(name);
  if (!pair) {
    pair = generateKeyPairSync('rsa', { modulusLength: 2048 });
    cache.set(name, pair);
  }
  return pair;
}
