import { createCipheriv, randomBytes } from 'node:crypto';
import { expect } from 'chai';
import { CryptoError } from '../../src/crypto/crypto-error';
import { rsaEncrypt } from '../../src/crypto/rsa';
import { assertTdeaKey } from '../../src/crypto/triple-des';
import { generateZonePinKey, keyCheckValue, unwrapZonePinKey, wrapZonePinKey } from '../../src/crypto/zone-pin-key';
import { rsaKeyPair } from './rsa-keys';

describe('zone PIN key', () => {
  const acquirer = rsaKeyPair('acquirer');

  it('when a key is generated, then it is a valid 3-key TDEA key and differs each time', () => {
    const a = generateZonePinKey();
    const b = generateZonePinKey();
    expect(a).to.have.length(24);
    expect(() => assertTdeaKey(a)).not.to.throw();
    expect(a.equals(b)).to.equal(false);
  });

  it('when a key is wrapped with OAEP, then the acquirer unwraps the same key and the KCVs agree', () => {
    const zpk = generateZonePinKey();
    const wrapped = wrapZonePinKey(zpk, acquirer.publicKey, 'oaep');
    expect(wrapped).not.to.include(zpk.toString('base64'));
    const unwrapped = unwrapZonePinKey(wrapped, acquirer.privateKey);
    expect(unwrapped.equals(zpk)).to.equal(true);
    expect(keyCheckValue(unwrapped)).to.equal(keyCheckValue(zpk));
  });

  it('when a weak key is to be wrapped, then it is refused', () => {
    expect(() => wrapZonePinKey(Buffer.alloc(24, 7), acquirer.publicKey, 'oaep')).to.throw(/TDEA/);
  });

  it('when the wrapped value holds a 2-key (16-byte) key, then unwrapping throws weak_tdea_key', () => {
    const wrapped = rsaEncrypt(randomBytes(16), acquirer.publicKey, 'oaep').toString('base64');
    expect(() => unwrapZonePinKey(wrapped, acquirer.privateKey))
      .to.throw(CryptoError)
      .with.property('code', 'weak_tdea_key');
  });

  it('when the wrapped value was tampered with, then unwrapping throws', () => {
    const wrapped = Buffer.from(wrapZonePinKey(generateZonePinKey(), acquirer.publicKey, 'oaep'), 'base64');
    wrapped[10] ^= 0x01;
    expect(() => unwrapZonePinKey(wrapped.toString('base64'), acquirer.privateKey)).to.throw();
  });

  it('when the KCV is computed, then it is the first 3 bytes of des-ede3 over a zero block, in upper-case hex', () => {
    const zpk = Buffer.from('0123456789ABCDEFFEDCBA987654321089ABCDEF01234567', 'hex');
    const cipher = createCipheriv('des-ede3', zpk, null).setAutoPadding(false);
    const expected = Buffer.concat([cipher.update(Buffer.alloc(8)), cipher.final()])
      .subarray(0, 3)
      .toString('hex')
      .toUpperCase();
    expect(keyCheckValue(zpk))
      .to.equal(expected)
      .and.to.match(/^[0-9A-F]{6}$/);
  });
});
