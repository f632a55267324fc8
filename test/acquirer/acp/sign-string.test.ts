import { createHash, createPrivateKey, sign, X509Certificate, type KeyObject } from 'node:crypto';
import { expect } from 'chai';
import fc from 'fast-check';
import type { AcpFields } from '../../../src/acquirer/acp/acp-fields';
import { signFields, signingString, verifyFields } from '../../../src/acquirer/acp/sign-string';
import { certIdOf } from '../../../src/crypto/certificates';
import type { TestPki } from '../../../src/crypto/test-pki';
import { fixturePki } from '../../crypto/pki-fixture';

const fieldName = fc.stringMatching(/^[a-z][A-Za-z0-9]{0,11}$/).filter((k) => k !== 'signature' && k !== 'certId');
const fields = fc.dictionary(fieldName, fc.string({ minLength: 1, maxLength: 40, unit: 'grapheme' }), { minKeys: 1, maxKeys: 8 });

describe('ACP signing string and signatures', function () {
  this.timeout(30000);
  let pki: TestPki;
  let merchantKey: KeyObject;
  let merchantCertId: string;

  before(async () => {
    pki = await fixturePki();
    merchantKey = createPrivateKey(pki.merchantSigning.keyPem);
    merchantCertId = certIdOf(pki.merchantSigning.certPem);
  });

  it('when fields are given, then the signing string sorts by key, keeps empty values as `key=` and drops the signature', () => {
    const s = signingString({ txnType: '01', accessType: '0', signature: 'xyz', reqReserved: '', txnAmt: '100' });
    expect(s).to.equal('accessType=0&reqReserved=&txnAmt=100&txnType=01');
  });

  it('when a genuine answer was signed with an empty field, as UnionPay’s SDK signs it, then it verifies (issue 17, defect 4)', () => {
    const answer: AcpFields = { certId: merchantCertId, respCode: '00', reqReserved: '', txnType: '01' };
    const hex = createHash('sha256').update(`certId=${merchantCertId}&reqReserved=&respCode=00&txnType=01`).digest('hex');
    const signature = sign('sha256', Buffer.from(hex), merchantKey).toString('base64');
    expect(verifyFields({ ...answer, signature }, pki.merchantSigning.certPem)).to.equal(true);
    const { reqReserved: _empty, ...withoutTheEmptyField } = answer;
    expect(verifyFields({ ...withoutTheEmptyField, signature }, pki.merchantSigning.certPem)).to.equal(false);
  });

  it('when the same fields come in any order, then the signing string is the same', () => {
    fc.assert(
      fc.property(fields, fc.integer(), (f, seed) => {
        const entries = Object.entries(f);
        const shuffled = entries
          .map((e, i) => ({ e, k: Math.sin(seed + i) }))
          .sort((a, b) => a.k - b.k)
          .map(({ e }) => e);
        expect(signingString(Object.fromEntries(shuffled))).to.equal(signingString(f));
      }),
    );
  });

  it('when fields are signed, then the signature is SHA256withRSA over the hex SHA-256 of the string (as UnionPay 5.1.0)', () => {
    const signed = signFields({ version: '5.1.0', txnType: '01', txnAmt: '100' }, merchantKey, merchantCertId);
    const hex = createHash('sha256').update(`certId=${merchantCertId}&txnAmt=100&txnType=01&version=5.1.0`).digest('hex');
    expect(signed.signature).to.equal(sign('sha256', Buffer.from(hex), merchantKey).toString('base64'));
    expect(signed.certId).to.equal(merchantCertId);
  });

  it('when fields with empty values and an old signature are signed, then the empties are dropped and the signature replaced', () => {
    const signed = signFields({ txnType: '01', reqReserved: '', signature: 'old' }, merchantKey, merchantCertId);
    expect(signed).not.to.have.property('reqReserved');
    expect(signed.signature).not.to.equal('old');
    expect(verifyFields(signed, pki.merchantSigning.certPem)).to.equal(true);
  });

  it('when any fields are signed, then they verify with the certificate and with its public key', () => {
    fc.assert(
      fc.property(fields, (f) => {
        const signed = signFields(f, merchantKey, merchantCertId);
        expect(verifyFields(signed, pki.merchantSigning.certPem)).to.equal(true);
        expect(verifyFields(signed, new X509Certificate(pki.merchantSigning.certPem).publicKey)).to.equal(true);
      }),
      { numRuns: 30 },
    );
  });

  it('when any single character of any field (signature and certId included) is changed, then verification fails', () => {
    const tamper = fields.chain((f) => {
      const signed = signFields(f, merchantKey, merchantCertId);
      return fc.record({
        signed: fc.constant(signed),
        key: fc.constantFrom(...Object.keys(signed)),
        at: fc.nat(),
        replacement: fc.constantFrom('A', 'b', '0', '+', '/', '=', '&', '中'),
      });
    });
    fc.assert(
      fc.property(tamper, ({ signed, key, at, replacement }) => {
        const value = signed[key];
        const i = at % value.length;
        fc.pre(value[i] !== replacement);
        const tampered: AcpFields = { ...signed, [key]: value.slice(0, i) + replacement + value.slice(i + 1) };
        expect(verifyFields(tampered, pki.merchantSigning.certPem)).to.equal(false);
      }),
      { numRuns: 60 },
    );
  });

  it('when a field is added (even an empty one) or removed, then verification fails (issue 17, defect 4)', () => {
    const signed = signFields({ txnType: '01', txnAmt: '100' }, merchantKey, merchantCertId);
    expect(verifyFields({ ...signed, extra: '1' }, pki.merchantSigning.certPem)).to.equal(false);
    const { txnAmt: _dropped, ...withoutAmount } = signed;
    expect(verifyFields(withoutAmount, pki.merchantSigning.certPem)).to.equal(false);
    expect(verifyFields({ ...signed, extra: '' }, pki.merchantSigning.certPem)).to.equal(false);
  });

  it('when verified against another certificate, or without a signature, or with a garbage certificate, then it fails without throwing', () => {
    const signed = signFields({ txnType: '01' }, merchantKey, merchantCertId);
    expect(verifyFields(signed, pki.acquirerSigning.certPem)).to.equal(false);
    const { signature: _s, ...unsigned } = signed;
    expect(verifyFields(unsigned, pki.merchantSigning.certPem)).to.equal(false);
    expect(verifyFields(signed, 'not a certificate')).to.equal(false);
  });
});
