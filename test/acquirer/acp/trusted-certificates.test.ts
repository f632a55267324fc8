import { createPrivateKey, X509Certificate } from 'node:crypto';
import { expect } from 'chai';
import { signFields } from '../../../src/acquirer/acp/sign-string';
import { TrustedCertificates } from '../../../src/acquirer/acp/trusted-certificates';
import { verifyAcpMessage, type AcpTrust } from '../../../src/acquirer/acp/verify-acp-message';
import { certIdOf } from '../../../src/crypto/certificates';
import { SANDBOX_ACQUIRER_ORG, type TestPki } from '../../../src/crypto/test-pki';
import { fixturePki, PKI_NOW } from '../../crypto/pki-fixture';

describe('acp/TrustedCertificates', function () {
  this.timeout(30000);
  let pki: TestPki;
  let other: TestPki;
  before(async () => {
    pki = await fixturePki();
    other = await fixturePki('other');
  });

  const trustOf = (p: TestPki): AcpTrust => ({
    rootPem: p.root.certPem,
    intermediatePems: [p.middle.certPem],
    organisation: SANDBOX_ACQUIRER_ORG,
  });
  const signedBy = (signer: { certPem: string; keyPem: string }, respCode = '00') =>
    signFields(
      { respCode, orderId: 'ord5f0c1a2b001', signPubKeyCert: signer.certPem },
      createPrivateKey(signer.keyPem),
      certIdOf(signer.certPem),
    );
  const years = (n: number) => new Date(PKI_NOW.getTime() + n * 365 * 24 * 3600_000);

  it('when a certificate was never checked, then it is not known; once remembered, its key is given while it is valid', () => {
    const trusted = new TrustedCertificates([pki.root.certPem, pki.middle.certPem]);
    expect(trusted.publicKeyOf(pki.acquirerSigning.certPem, PKI_NOW)).to.equal(undefined);
    trusted.remember(pki.acquirerSigning.certPem);
    expect(trusted.publicKeyOf(pki.acquirerSigning.certPem, PKI_NOW)?.asymmetricKeyType).to.equal('rsa');
    expect(trusted.publicKeyOf(pki.acquirerSigning.certPem, years(10))).to.equal(undefined);
  });

  it('when a remembered certificate is asked about at the very first and last instant of its validity, then its key is given; a second earlier, not', () => {
    const trustPems = [pki.root.certPem, pki.middle.certPem];
    const certs = [pki.acquirerSigning.certPem, ...trustPems].map((pem) => new X509Certificate(pem));
    const from = Math.max(...certs.map((c) => Date.parse(c.validFrom)));
    const to = Math.min(...certs.map((c) => Date.parse(c.validTo)));
    const trusted = new TrustedCertificates(trustPems);
    trusted.remember(pki.acquirerSigning.certPem);
    const keyAt = (ms: number) => trusted.publicKeyOf(pki.acquirerSigning.certPem, new Date(ms));
    expect(keyAt(from), 'validFrom').not.to.equal(undefined);
    expect(keyAt(to), 'validTo').not.to.equal(undefined);
    expect(keyAt(from - 1000), 'before validFrom').to.equal(undefined);
    expect(keyAt(to + 1000), 'after validTo').to.equal(undefined);
  });

  it('when a trusted certificate signs again but a field was changed, then the signature is still checked: bad_signature', () => {
    const trust = trustOf(pki);
    expect(verifyAcpMessage(signedBy(pki.acquirerSigning), trust, PKI_NOW)).to.equal('ok');
    expect(verifyAcpMessage({ ...signedBy(pki.acquirerSigning), respCode: '05' }, trust, PKI_NOW)).to.equal('bad_signature');
    expect(verifyAcpMessage(signedBy(pki.acquirerSigning, '03'), trust, PKI_NOW)).to.equal('ok');
  });

  it('when a certificate trusted under one root is shown to another trust, then that trust checks it afresh: untrusted', () => {
    expect(verifyAcpMessage(signedBy(other.acquirerSigning), trustOf(other), PKI_NOW)).to.equal('ok');
    expect(verifyAcpMessage(signedBy(other.acquirerSigning), trustOf(pki), PKI_NOW)).to.equal('untrusted_certificate');
  });

  it('when a remembered certificate has expired since, then the message is untrusted', () => {
    const trust = trustOf(pki);
    expect(verifyAcpMessage(signedBy(pki.acquirerSigning), trust, PKI_NOW)).to.equal('ok');
    expect(verifyAcpMessage(signedBy(pki.acquirerSigning), trust, years(4))).to.equal('untrusted_certificate');
  });
});
