import { createHmac, hkdfSync } from 'node:crypto';

/** Turns a card number into its stored fingerprint; the number itself is never stored. */
export type CardFingerprint = (pan: string) => string;

const VERSION = 'v1';

/**
 * A keyed hash of the whole card number (PCI DSS 3.5.1.1: HMAC, not a plain hash, since a card
 * number has too little entropy), so repeats of one card can be spotted across orders. The key is
 * derived from the secrets key with HKDF, never used for anything else; the version prefix lets a
 * new key coexist with old fingerprints.
 */
export function createCardFingerprint(secretsKey: Buffer): CardFingerprint {
  const key = Buffer.from(hkdfSync('sha256', secretsKey, Buffer.alloc(0), `ivrpay card fingerprint ${VERSION}`, 32));
  return (pan) => `${VERSION}:${createHmac('sha256', key).update(pan, 'utf8').digest('hex')}`;
}
