import { X509Certificate } from 'node:crypto';

/**
 * Reading and trusting certificates with node:crypto only. UnionPay's test certificates are
 * SHA-1-signed; OpenSSL 3 as used by Node 20 still verifies such signatures (checked locally).
 */

/** ACP `certId`/`encryptCertId`: the certificate serial in decimal (X509Certificate gives hex). */
export function certIdOf(pem: string): string {
  return BigInt(`0x${new X509Certificate(pem).serialNumber}`).toString(10);
}

/** The CN attribute of the subject, e.g. `041@8310000000083040@中国银联股份有限公司@00016495`. */
export function commonNameOf(pem: string): string | undefined {
  const line = new X509Certificate(pem).subject.split('\n').find((part) => part.startsWith('CN='));
  return line?.slice(3);
}

/**
 * Does `leafPem` chain to the trusted root through the given intermediates, with every link's
 * signature valid, every issuer a CA, and every certificate valid at `now`? Never throws on
 * malformed input: an unreadable certificate is simply not trusted.
 */
export function verifyChain(leafPem: string, rootPem: string, intermediatePems: string[] = [], now = new Date()): boolean {
  try {
    const root = new X509Certificate(rootPem);
    const intermediates = intermediatePems.map((pem) => new X509Certificate(pem));
    let current = new X509Certificate(leafPem);
    const seen: X509Certificate[] = [];
    while (seen.length <= intermediates.length) {
      if (!validAt(current, now)) return false;
      seen.push(current);
      if (issuedBy(current, root)) return validAt(root, now);
      const next = intermediates.find((candidate) => !seen.includes(candidate) && issuedBy(current, candidate));
      if (!next) return false;
      current = next;
    }
    return false;
  } catch {
    return false;
  }
}

function issuedBy(cert: X509Certificate, issuer: X509Certificate): boolean {
  return issuer.ca && cert.checkIssued(issuer) && cert.verify(issuer.publicKey);
}

function validAt(cert: X509Certificate, now: Date): boolean {
  const from = Date.parse(cert.validFrom);
  const to = Date.parse(cert.validTo);
  return Number.isFinite(from) && Number.isFinite(to) && from <= now.getTime() && now.getTime() <= to;
}
