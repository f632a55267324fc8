import { generateKeyPairSync, type KeyObject, sign } from 'node:crypto';
import forge from 'node-forge';
import { signedPayload } from '../../src/http/request-signature';

export interface TestCertificate {
  pem: string;
  privateKey: KeyObject;
}

/** A self-signed RSA certificate valid from `notBefore` to `notAfter` (node:crypto makes the key, forge the certificate). */
export function makeCertificate(opts: { notBefore: Date; notAfter: Date; bits?: number; cn?: string }): TestCertificate {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: opts.bits ?? 2048 });
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(publicKey.export({ type: 'spki', format: 'pem' }).toString());
  cert.serialNumber = '01';
  cert.validity.notBefore = opts.notBefore;
  cert.validity.notAfter = opts.notAfter;
  const attrs = [{ name: 'commonName', value: opts.cn ?? 'Acme merchant' }];
  cert.setSubject(attrs);
  cert.setIssuer(attrs);
  cert.sign(
    forge.pki.privateKeyFromPem(privateKey.export({ type: 'pkcs1', format: 'pem' }).toString()),
    forge.md.sha256.create(),
  );
  return { pem: forge.pki.certificateToPem(cert), privateKey };
}

/** The X-Signature header value a merchant would send. */
export function signatureHeader(key: KeyObject, t: number, method: string, path: string, body: string): string {
  const sig = sign('sha256', signedPayload(String(t), method, path, Buffer.from(body, 'utf8')), key);
  return `t=${t},sig=${sig.toString('base64')}`;
}
