import { publicEncrypt, privateDecrypt, constants, X509Certificate } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { certIdOf, verifyChain } from '../../src/crypto/certificates';
import { loadOrCreateTestPki, testPkiFiles, type TestPki } from '../../src/crypto/test-pki';

describe('loadOrCreateTestPki', function () {
  this.timeout(60000);
  const now = new Date('2026-03-01T04:00:00Z');
  let dir: string;
  let first: TestPki;

  before(async () => {
    dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ivrpay-pki-')), 'pki');
    first = await loadOrCreateTestPki(dir, now);
  });
  after(() => fs.rmSync(path.dirname(dir), { recursive: true, force: true }));

  it('when first started, then the folder is private, keys are mode 600 and certificates 644', () => {
    expect(fs.statSync(dir).mode & 0o777).to.equal(0o700);
    for (const part of ['root', 'middle', 'acquirerSigning', 'acquirerEncryption', 'merchantSigning'] as const) {
      const files = testPkiFiles(dir, part);
      expect(fs.statSync(files.key).mode & 0o777, files.key).to.equal(0o600);
      expect(fs.statSync(files.cert).mode & 0o777, files.cert).to.equal(0o644);
    }
    expect(path.basename(testPkiFiles(dir, 'acquirerSigning').cert)).to.equal('acquirer-signing.crt.pem');
  });

  it('when started again, then the same certificates are read back', async () => {
    const again = await loadOrCreateTestPki(dir, now);
    expect(certIdOf(again.acquirerSigning.certPem)).to.equal(certIdOf(first.acquirerSigning.certPem));
    expect(again.merchantSigning.keyPem).to.equal(first.merchantSigning.keyPem);
  });

  it('when every leaf is checked, then it chains to the root through the middle CA, and the key matches the certificate', () => {
    for (const part of [first.acquirerSigning, first.acquirerEncryption, first.merchantSigning]) {
      expect(verifyChain(part.certPem, first.root.certPem, [first.middle.certPem], now)).to.equal(true);
      const sealed = publicEncrypt(
        { key: new X509Certificate(part.certPem).publicKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' },
        Buffer.from('x'),
      );
      expect(
        privateDecrypt({ key: part.keyPem, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' }, sealed).toString(),
      ).to.equal('x');
    }
  });

  it('when a file is missing, then a new PKI replaces the old one', async () => {
    fs.rmSync(testPkiFiles(dir, 'middle').key);
    const fresh = await loadOrCreateTestPki(dir, now);
    expect(certIdOf(fresh.root.certPem)).not.to.equal(certIdOf(first.root.certPem));
    expect(fs.statSync(testPkiFiles(dir, 'middle').key).mode & 0o777).to.equal(0o600);
    first = fresh;
  });

  it('when a certificate has expired, then a new PKI is made', async () => {
    const validTo = Date.parse(new X509Certificate(first.acquirerSigning.certPem).validTo);
    const later = new Date(validTo + 1000);
    const fresh = await loadOrCreateTestPki(dir, later);
    expect(certIdOf(fresh.acquirerSigning.certPem)).not.to.equal(certIdOf(first.acquirerSigning.certPem));
    expect(verifyChain(fresh.acquirerSigning.certPem, fresh.root.certPem, [fresh.middle.certPem], later)).to.equal(true);
  });
});
