import { X509Certificate } from 'node:crypto';
import { commonNameOf, verifyChain } from '../../crypto/certificates';
import type { AcpFields } from './acp-fields';
import { verifyFields } from './sign-string';
import { TrustedCertificates } from './trusted-certificates';

/** The configured trust: the acquirer's root and middle certificates, and whose name its signing certificate must carry. */
export interface AcpTrust {
  rootPem: string;
  intermediatePems: string[];
  /** The third `@` part of the signing certificate's CN: `中国银联股份有限公司` for UnionPay. */
  organisation: string;
}

export type AcpVerdict = 'ok' | 'no_certificate' | 'untrusted_certificate' | 'wrong_organisation' | 'bad_signature';

/**
 * An answer or notification is trusted only if the signing certificate it carries
 * (`signPubKeyCert`) chains to our configured root, is an end-entity certificate of the acquirer
 * (not a CA), and signed the fields.
 */
export function verifyAcpMessage(fields: AcpFields, trust: AcpTrust, now: Date): AcpVerdict {
  const certPem = fields.signPubKeyCert;
  if (!certPem) return 'no_certificate';
  const remembered = trustedOf(trust);
  const known = remembered.publicKeyOf(certPem, now);
  if (known) return verifyFields(fields, known) ? 'ok' : 'bad_signature';
  if (!verifyChain(certPem, trust.rootPem, trust.intermediatePems, now)) return 'untrusted_certificate';
  if (commonNameOf(certPem)?.split('@')[2] !== trust.organisation) return 'wrong_organisation';
  if (new X509Certificate(certPem).ca) return 'untrusted_certificate';
  return verifyFields(fields, remembered.remember(certPem)) ? 'ok' : 'bad_signature';
}

/** Certificates checked against a trust are remembered with it: they live and die with the adapter's trust object. */
const trustedByTrust = new WeakMap<AcpTrust, TrustedCertificates>();

function trustedOf(trust: AcpTrust): TrustedCertificates {
  let trusted = trustedByTrust.get(trust);
  if (!trusted) {
    trusted = new TrustedCertificates([trust.rootPem, ...trust.intermediatePems]);
    trustedByTrust.set(trust, trusted);
  }
  return trusted;
}
