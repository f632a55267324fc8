import { constants, privateDecrypt } from 'node:crypto';
import { expect } from 'chai';
import fc from 'fast-check';
import { rsaDecryptOaep, rsaEncrypt, rsaSignSha256, rsaVerifySha256 } from '../../src/crypto/rsa';
import { rsaKeyPair } from './rsa-keys';

describe('rsa', () => {
  const acquirer = rsaKeyPair('acquirer');
  const other = rsaKeyPair('other');

  it('when data is encrypted with OAEP, then the private key decrypts it and the ciphertext differs each time', () => {
    const plain = Buffer.from('6216261000000000018');
    const a = rsaEncrypt(plain, acquirer.publicKey, 'oaep');
    const b = rsaEncrypt(plain, acquirer.publicKey, 'oaep');
    expect(a).to.have.length(256);
    expect(a.equals(b)).to.equal(false);
    expect(rsaDecryptOaep(a, acquirer.privateKey).toString()).to.equal('6216261000000000018');
  });

  it('when data is encrypted with PKCS#1 v1.5 (real UnionPay), then it is a 256-byte block that Node refuses to PKCS#1-decrypt', () => {
    const encrypted = rsaEncrypt(Buffer.from('123'), acquirer.publicKey, 'pkcs1');
    expect(encrypted).to.have.length(256);
    expect(() => privateDecrypt({ key: acquirer.privateKey, padding: constants.RSA_PKCS1_PADDING }, encrypted)).to.throw();
  });

  it('when OAEP ciphertext is decrypted with another key or after tampering, then it throws', () => {
    const encrypted = rsaEncrypt(Buffer.from('123'), acquirer.publicKey, 'oaep');
    expect(() => rsaDecryptOaep(encrypted, other.privateKey)).to.throw();
    const tampered = Buffer.from(encrypted);
    tampered[100] ^= 0x01;
    expect(() => rsaDecryptOaep(tampered, acquirer.privateKey)).to.throw();
  });

  it('when any data is signed, then it verifies with the matching public key only', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        const data = Buffer.from(bytes);
        const signature = rsaSignSha256(data, acquirer.privateKey);
        expect(rsaVerifySha256(data, signature, acquirer.publicKey)).to.equal(true);
        expect(rsaVerifySha256(data, signature, other.publicKey)).to.equal(false);
      }),
      { numRuns: 20 },
    );
  });

  it('when the data or the signature changes, or the signature is garbage, then verification fails without throwing', () => {
    const data = Buffer.from('txnAmt=100');
    const signature = rsaSignSha256(data, acquirer.privateKey);
    expect(rsaVerifySha256(Buffer.from('txnAmt=101'), signature, acquirer.publicKey)).to.equal(false);
    const flipped = Buffer.from(signature);
    flipped[0] ^= 0x80;
    expect(rsaVerifySha256(data, flipped, acquirer.publicKey)).to.equal(false);
    expect(rsaVerifySha256(data, Buffer.from('not a signature'), acquirer.publicKey)).to.equal(false);
  });
});
