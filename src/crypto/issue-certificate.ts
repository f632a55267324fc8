import { generateKeyPair, randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import forge from 'node-forge';

/**
 * Issues X.509 certificates for the sandbox's test PKI. node:crypto can read and verify
 * certificates but not create them, so node-forge builds them; node:crypto makes the RSA keys
 * (fast, native). Only the sandbox and tests issue certificates; real ones come from UnionPay.
 */
export type CertificateUsage = 'ca' | 'signing' | 'encryption';

export interface IssuedCertificate {
  certPem: string;
  /** PKCS#8 PEM, unencrypted: write it with mode 600 and keep it out of the repo. */
  keyPem: string;
}

export interface CertificateSpec {
  commonName: string;
  organisation: string;
  usage: CertificateUsage;
  notBefore: Date;
  notAfter: Date;
  /** Absent: self-signed (a root). */
  issuer?: IssuedCertificate;
  /** Hex, positive; random when absent. */
  serialHex?: string;
}

const generateRsaKeyPair = promisify(generateKeyPair);

export async function issueCertificate(spec: CertificateSpec): Promise<IssuedCertificate> {
  const { publicKey, privateKey } = await generateRsaKeyPair('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(publicKey);
  cert.serialNumber = spec.serialHex ?? randomSerialHex();
  cert.validity.notBefore = spec.notBefore;
  cert.validity.notAfter = spec.notAfter;
  const subject = distinguishedName(spec.commonName, spec.organisation);
  cert.setSubject(subject);

  const issuerCert = spec.issuer ? forge.pki.certificateFromPem(spec.issuer.certPem) : cert;
  const issuerKeyPem = spec.issuer ? spec.issuer.keyPem : privateKey;
  cert.setIssuer(spec.issuer ? issuerCert.subject.attributes : subject);
  cert.setExtensions([
    ...usageExtensions(spec.usage),
    { name: 'subjectKeyIdentifier' },
    { name: 'authorityKeyIdentifier', keyIdentifier: authorityKeyId(issuerCert, cert) },
  ]);
  cert.sign(forge.pki.privateKeyFromPem(issuerKeyPem), forge.md.sha256.create());
  return { certPem: forge.pki.certificateToPem(cert), keyPem: privateKey };
}

function usageExtensions(usage: CertificateUsage): object[] {
  switch (usage) {
    case 'ca':
      return [
        { name: 'basicConstraints', cA: true, critical: true },
        { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
      ];
    case 'signing':
      return [
        { name: 'basicConstraints', cA: false, critical: true },
        { name: 'keyUsage', digitalSignature: true, nonRepudiation: true, critical: true },
      ];
    case 'encryption':
      return [
        { name: 'basicConstraints', cA: false, critical: true },
        { name: 'keyUsage', keyEncipherment: true, dataEncipherment: true, critical: true },
      ];
  }
}

/** UTF8String rather than forge's default PrintableString, which cannot hold UnionPay-style `@` CNs. */
function distinguishedName(commonName: string, organisation: string): forge.pki.CertificateField[] {
  const utf8 = forge.asn1.Type.UTF8 as unknown as forge.asn1.Class;
  return [
    { shortName: 'C', value: 'CN' },
    { shortName: 'O', value: organisation, valueTagClass: utf8 },
    { shortName: 'CN', value: commonName, valueTagClass: utf8 },
  ];
}

function authorityKeyId(issuer: forge.pki.Certificate, self: forge.pki.Certificate): string {
  return (issuer === self ? self : issuer).generateSubjectKeyIdentifier().getBytes();
}

/** 16 random bytes with the top bit clear and a non-zero first byte: a minimal, positive DER INTEGER. */
function randomSerialHex(): string {
  const bytes = randomBytes(16);
  bytes[0] = (bytes[0] & 0x3f) | 0x40;
  return bytes.toString('hex');
}
