import { X509Certificate } from 'node:crypto';
import { AppError } from '../domain/app-error';

/** What an operator sees of a merchant's signing certificate. */
export interface CertificateInfo {
  subject: string;
  validTo: string;
  /** SHA-256 fingerprint, colon-separated hex, as `openssl x509 -fingerprint -sha256` prints it. */
  fingerprint256: string;
}

const MIN_RSA_BITS = 2048;

function invalid(message: string): never {
  throw new AppError('validation_failed', 'the certificate cannot be used for request signing', { certificate: message });
}

/**
 * Checks a merchant's PEM certificate before it is stored: X.509, an RSA key of at least 2048 bits
 * (PCI "strong cryptography"), valid now. Returns it re-encoded as a single PEM block.
 */
export function parseMerchantCertificate(pem: string, now: Date): { pem: string; info: CertificateInfo } {
  let certificate: X509Certificate;
  try {
    certificate = new X509Certificate(pem);
  } catch {
    invalid('must be an X.509 certificate in PEM');
  }
  const key = certificate.publicKey;
  if (key.asymmetricKeyType !== 'rsa') invalid('must hold an RSA public key');
  if ((key.asymmetricKeyDetails?.modulusLength ?? 0) < MIN_RSA_BITS)
    invalid(`the RSA key must have at least ${MIN_RSA_BITS} bits`);
  if (now < new Date(certificate.validFrom) || now > new Date(certificate.validTo)) invalid('is not valid at this time');
  return { pem: certificate.toString(), info: certificateInfo(certificate) };
}

function certificateInfo(certificate: X509Certificate): CertificateInfo {
  return {
    subject: certificate.subject.replace(/\n/g, ', '),
    validTo: new Date(certificate.validTo).toISOString(),
    fingerprint256: certificate.fingerprint256,
  };
}
