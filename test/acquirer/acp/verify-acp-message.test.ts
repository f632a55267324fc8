import { createPrivateKey } from 'node:crypto';
import { expect } from 'chai';
import { signFields } from '../../../src/acquirer/acp/sign-string';
import { verifyAcpMessage, type AcpTrust } from '../../../src/acquirer/acp/verify-acp-message';
import { certIdOf } from '../../../src/crypto/certificates';
import { issueCertificate } from '../../../src/crypto/issue-certificate';
import { SANDBOX_ACQUIRER_ORG, type TestPki } from '../../../src/crypto/test-pki';
import { fixturePki, PKI_NOW } from '../../crypto/pki-fixture';

describe('verifyAcpMessage', function () {
  this.timeout(30000);
  let pki: TestPki;
  let other: TestPki;
  let trust: AcpTrust;
  before(async () => {
    pki = await fixturePki();
    other = await fixturePki('other');
    trust = { rootPem: pki.root.certPem, intermediatePems: [pki.middle.certPem], organisation: SANDBOX_ACQUIRER_ORG };
  });

  const answerSignedBy = (signer: { certPem: string; keyPem: string }) =>
    signFields(
      { respCode: '00', orderId: 'ord5f0c1a2b001', signPubKeyCert: signer.certPem },
      createPrivateKey(signer.keyPem),
      certIdOf(signer.certPem),
    );

  it('when the acquirer signs with its certificate from our PKI, then the answer is ok', () => {
    expect(verifyAcpMessage(answerSignedBy(pki.acquirerSigning), trust, PKI_NOW)).to.equal('ok');
  });

  it('when the answer carries no certificate, then no_certificate', () => {
    const { signPubKeyCert: _c, ...fields } = answerSignedBy(pki.acquirerSigning);
    expect(verifyAcpMessage(fields, trust, PKI_NOW)).to.equal('no_certificate');
  });

  it('when the certificate comes from another PKI with the same names, then untrusted_certificate', () => {
    expect(verifyAcpMessage(answerSignedBy(other.acquirerSigning), trust, PKI_NOW)).to.equal('untrusted_certificate');
  });

  it('when the certificate chains to our root but belongs to someone else (the merchant), then wrong_organisation', () => {
    expect(verifyAcpMessage(answerSignedBy(pki.merchantSigning), trust, PKI_NOW)).to.equal('wrong_organisation');
  });

  it("when a CA certificate with the acquirer's name signs, then untrusted_certificate (only end-entity certificates sign answers)", async () => {
    const ca = await issueCertificate({
      commonName: `041@Z1@${SANDBOX_ACQUIRER_ORG}@9`,
      organisation: SANDBOX_ACQUIRER_ORG,
      usage: 'ca',
      notBefore: PKI_NOW,
      notAfter: new Date(PKI_NOW.getTime() + 24 * 60 * 60 * 1000),
      issuer: pki.root,
    });
    expect(verifyAcpMessage(answerSignedBy(ca), trust, PKI_NOW)).to.equal('untrusted_certificate');
  });

  it('when a field is changed after signing, then bad_signature', () => {
    expect(verifyAcpMessage({ ...answerSignedBy(pki.acquirerSigning), respCode: '05' }, trust, PKI_NOW)).to.equal(
      'bad_signature',
    );
  });

  it('when the certificate is swapped for the encryption certificate, then the signature no longer matches', () => {
    const fields = { ...answerSignedBy(pki.acquirerSigning), signPubKeyCert: pki.acquirerEncryption.certPem };
    expect(verifyAcpMessage(fields, trust, PKI_NOW)).to.equal('bad_signature');
  });

  it('when checked after the signing certificate expired, then untrusted_certificate', () => {
    const later = new Date(PKI_NOW.getTime() + 4 * 365 * 24 * 60 * 60 * 1000);
    expect(verifyAcpMessage(answerSignedBy(pki.acquirerSigning), trust, later)).to.equal('untrusted_certificate');
  });
});
