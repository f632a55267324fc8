import { createHash, X509Certificate, type KeyObject } from 'node:crypto';
import { rsaSignSha256, rsaVerifySha256 } from '../../crypto/rsa';
import type { AcpFields } from './acp-fields';

/**
 * ACP 5.1.0 signatures (signMethod 01): the fields other than `signature`, sorted by key (code-unit
 * order, as Java's TreeMap) and joined `k=v&k=v`; the lower-case hex SHA-256 of that string is then
 * signed with SHA256withRSA and the signature base64'd. As UnionPay's SDK does, a message we sign
 * has its empty fields dropped first (signFields), while a message we verify is taken as it came:
 * an empty field is part of it as `key=` (docs/reference/unionpay-acp.md §8.7 SDKs). Dropping them
 * there would refuse a genuine answer signed with `reqReserved=` and accept `&extra=` appended to a
 * signed one (issue 17, defect 4).
 */
export function signingString(fields: AcpFields): string {
  return Object.keys(fields)
    .filter((key) => key !== 'signature')
    .sort()
    .map((key) => `${key}=${fields[key]}`)
    .join('&');
}

/** Returns a new message without empty fields, with `certId` (decimal serial) and `signature` set. */
export function signFields(fields: AcpFields, privateKey: KeyObject, certId: string): AcpFields {
  const signed: AcpFields = {};
  for (const [key, value] of Object.entries(fields)) if (value !== '' && key !== 'signature') signed[key] = value;
  signed.certId = certId;
  signed.signature = rsaSignSha256(digestHex(signed), privateKey).toString('base64');
  return signed;
}

/**
 * Checks `signature` against a certificate (or its public key) that the caller already trusts; see
 * verify-acp-message.ts for checking the certificate an answer carries. Never throws.
 */
export function verifyFields(fields: AcpFields, cert: string | KeyObject): boolean {
  const signature = fields.signature;
  if (!signature) return false;
  const bytes = Buffer.from(signature, 'base64');
  // Buffer.from ignores stray characters and unused bits: only canonical base64 counts as the signature.
  if (bytes.toString('base64') !== signature) return false;
  try {
    const publicKey = typeof cert === 'string' ? new X509Certificate(cert).publicKey : cert;
    return rsaVerifySha256(digestHex(fields), bytes, publicKey);
  } catch {
    return false;
  }
}

function digestHex(fields: AcpFields): Buffer {
  return Buffer.from(createHash('sha256').update(signingString(fields), 'utf8').digest('hex'), 'ascii');
}
