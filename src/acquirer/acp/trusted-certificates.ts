import { X509Certificate, type KeyObject } from 'node:crypto';

/** A signing certificate found trusted, the public key to check signatures with, and when that holds. */
interface Trusted {
  publicKey: KeyObject;
  from: number;
  to: number;
}

/** The acquirer signs every answer and notification with the same certificate for years. */
const MAX_REMEMBERED = 16;

/**
 * Signing certificates already checked against one trust (chain, organisation, not a CA). Checking
 * them costs about 1 ms of CPU per message (five certificate parses, two signature checks), which
 * bench:calls measured as the largest share of a payment's CPU. A certificate is remembered only for
 * the time in which every certificate of the trust and itself are valid, so expiry still counts.
 */
export class TrustedCertificates {
  private readonly trusted = new Map<string, Trusted>();

  constructor(private readonly trustPems: string[]) {}

  /** The public key of a certificate found trusted before, if that still holds at `now`. */
  publicKeyOf(certPem: string, now: Date): KeyObject | undefined {
    const entry = this.trusted.get(certPem);
    return entry && entry.from <= now.getTime() && now.getTime() <= entry.to ? entry.publicKey : undefined;
  }

  remember(certPem: string): KeyObject {
    const certs = [certPem, ...this.trustPems].map((pem) => new X509Certificate(pem));
    const from = Math.max(...certs.map((c) => Date.parse(c.validFrom)));
    const to = Math.min(...certs.map((c) => Date.parse(c.validTo)));
    if (this.trusted.size >= MAX_REMEMBERED) this.trusted.clear();
    const publicKey = certs[0].publicKey;
    this.trusted.set(certPem, { publicKey, from, to });
    return publicKey;
  }
}
