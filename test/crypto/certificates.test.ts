import { X509Certificate } from 'node:crypto';
import { expect } from 'chai';
import { certIdOf, commonNameOf, verifyChain } from '../../src/crypto/certificates';
import { issueCertificate } from '../../src/crypto/issue-certificate';
import { SANDBOX_ACQUIRER_ORG, type TestPki } from '../../src/crypto/test-pki';
import { fixturePki, PKI_NOW } from './pki-fixture';

const DAY = 24 * 60 * 60 * 1000;

describe('certificates', function () {
  this.timeout(30000);
  let pki: TestPki;
  let otherPki: TestPki;

  before(async () => {
    pki = await fixturePki();
    otherPki = await fixturePki('other');
  });

  describe('certIdOf', () => {
    it('when the serial is hex 1039308534 (a UnionPay signing certificate), then the certId is decimal 69678957876', async () => {
      const cert = await issueCertificate({
        commonName: 'serial test',
        organisation: 'test',
        usage: 'signing',
        notBefore: PKI_NOW,
        notAfter: new Date(PKI_NOW.getTime() + DAY),
        serialHex: '1039308534',
      });
      expect(certIdOf(cert.certPem)).to.equal('69678957876');
    });

    it('when the serial is random, then the certId is its decimal form', () => {
      const hex = new X509Certificate(pki.merchantSigning.certPem).serialNumber;
      expect(certIdOf(pki.merchantSigning.certPem))
        .to.match(/^[1-9]\d*$/)
        .and.to.equal(BigInt(`0x${hex}`).toString());
    });
  });

  it('when reading the acquirer signing certificate, then commonNameOf gives the UnionPay-style CN with our organisation third', () => {
    expect(commonNameOf(pki.acquirerSigning.certPem)?.split('@')[2]).to.equal(SANDBOX_ACQUIRER_ORG);
  });

  describe('verifyChain', () => {
    it('when a leaf chains to the root through the middle CA, then it is trusted', () => {
      for (const leaf of [pki.acquirerSigning, pki.acquirerEncryption, pki.merchantSigning]) {
        expect(verifyChain(leaf.certPem, pki.root.certPem, [pki.middle.certPem], PKI_NOW)).to.equal(true);
      }
    });

    it('when the middle CA is not given, or unrelated certificates are, then it is not trusted', () => {
      expect(verifyChain(pki.acquirerSigning.certPem, pki.root.certPem, [], PKI_NOW)).to.equal(false);
      expect(verifyChain(pki.acquirerSigning.certPem, pki.root.certPem, [otherPki.middle.certPem], PKI_NOW)).to.equal(false);
    });

    it('when a certificate from another PKI with the very same names is checked, then it is not trusted', () => {
      expect(verifyChain(otherPki.acquirerSigning.certPem, pki.root.certPem, [pki.middle.certPem], PKI_NOW)).to.equal(false);
      expect(verifyChain(pki.acquirerSigning.certPem, otherPki.root.certPem, [otherPki.middle.certPem], PKI_NOW)).to.equal(false);
    });

    it('when checked before the leaf is valid or after it expires, then it is not trusted', () => {
      const leaf = new X509Certificate(pki.acquirerSigning.certPem);
      const before = new Date(Date.parse(leaf.validFrom) - 1000);
      const after = new Date(Date.parse(leaf.validTo) + 1000);
      expect(verifyChain(pki.acquirerSigning.certPem, pki.root.certPem, [pki.middle.certPem], before)).to.equal(false);
      expect(verifyChain(pki.acquirerSigning.certPem, pki.root.certPem, [pki.middle.certPem], after)).to.equal(false);
    });

    it('when the middle CA has expired though the leaf has not, then it is not trusted', async () => {
      const notBefore = new Date(PKI_NOW.getTime() - 10 * DAY);
      const chainWithMiddleUntil = async (notAfter: Date) => {
        const middle = await issueCertificate({
          commonName: 'short middle',
          organisation: 'o',
          usage: 'ca',
          notBefore,
          notAfter,
          issuer: pki.root,
        });
        const leaf = await issueCertificate({
          commonName: 'leaf',
          organisation: 'o',
          usage: 'signing',
          notBefore,
          notAfter: new Date(PKI_NOW.getTime() + DAY),
          issuer: middle,
        });
        return verifyChain(leaf.certPem, pki.root.certPem, [middle.certPem], PKI_NOW);
      };
      expect(await chainWithMiddleUntil(new Date(PKI_NOW.getTime() - DAY))).to.equal(false);
      expect(await chainWithMiddleUntil(new Date(PKI_NOW.getTime() + DAY))).to.equal(true);
    });

    it('when a certificate was issued by a leaf (not a CA), then it is not trusted', async () => {
      const leaf = await issueCertificate({
        commonName: 'issued by a leaf',
        organisation: 'o',
        usage: 'signing',
        notBefore: PKI_NOW,
        notAfter: new Date(PKI_NOW.getTime() + DAY),
        issuer: pki.merchantSigning,
      });
      expect(verifyChain(leaf.certPem, pki.root.certPem, [pki.merchantSigning.certPem, pki.middle.certPem], PKI_NOW)).to.equal(
        false,
      );
    });

    it('when the leaf or the root is not a certificate, then it is not trusted and nothing throws', () => {
      expect(verifyChain('not a certificate', pki.root.certPem, [pki.middle.certPem], PKI_NOW)).to.equal(false);
      expect(verifyChain(pki.acquirerSigning.certPem, '', [pki.middle.certPem], PKI_NOW)).to.equal(false);
    });
  });
});
