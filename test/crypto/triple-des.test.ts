import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { expect } from 'chai';
import fc from 'fast-check';
import { CryptoError } from '../../src/crypto/crypto-error';
import { buildPinBlock } from '../../src/crypto/pin-block';
import { assertTdeaKey, tdesDecryptCbc, tdesDecryptEcb, tdesEncryptCbc, tdesEncryptEcb } from '../../src/crypto/triple-des';

/** 24 random bytes whose three 8-byte parts differ. */
const tdeaKey = fc
  .uint8Array({ minLength: 24, maxLength: 24 })
  .map((bytes) => Buffer.from(bytes))
  .filter(
    (k) =>
      !k.subarray(0, 8).equals(k.subarray(8, 16)) &&
      !k.subarray(8, 16).equals(k.subarray(16)) &&
      !k.subarray(0, 8).equals(k.subarray(16)),
  );
const iv = fc.uint8Array({ minLength: 8, maxLength: 8 }).map((b) => Buffer.from(b));
const blocks = fc
  .integer({ min: 1, max: 8 })
  .chain((n) => fc.uint8Array({ minLength: 8 * n, maxLength: 8 * n }))
  .map((b) => Buffer.from(b));
const anyData = fc.uint8Array({ minLength: 0, maxLength: 100 }).map((b) => Buffer.from(b));

function nodeEcb(key: Buffer, data: Buffer): Buffer {
  const cipher = createCipheriv('des-ede3', key, null).setAutoPadding(false);
  return Buffer.concat([cipher.update(data), cipher.final()]);
}

function nodeCbc(key: Buffer, ivBytes: Buffer, data: Buffer): Buffer {
  const cipher = createCipheriv('des-ede3-cbc', key, ivBytes);
  return Buffer.concat([cipher.update(data), cipher.final()]);
}

describe('triple-des (crypto-js) against node:crypto', () => {
  it('when a fixed key encrypts a PIN block with ECB, then crypto-js and node:crypto agree byte for byte', () => {
    const key = Buffer.from('0123456789ABCDEFFEDCBA987654321089ABCDEF01234567', 'hex');
    const pinBlock = buildPinBlock(Buffer.from('6216261000000000018'), Buffer.from('123456'));
    const encrypted = tdesEncryptEcb(key, pinBlock);
    expect(encrypted.toString('hex')).to.equal(nodeEcb(key, pinBlock).toString('hex'));
    expect(encrypted.equals(pinBlock)).to.equal(false);
    expect(tdesDecryptEcb(key, encrypted).equals(pinBlock)).to.equal(true);
  });

  it('when any key encrypts whole blocks with ECB, then the output equals des-ede3 and decrypts back', () => {
    fc.assert(
      fc.property(tdeaKey, blocks, (key, data) => {
        const encrypted = tdesEncryptEcb(key, data);
        expect(encrypted.toString('hex')).to.equal(nodeEcb(key, data).toString('hex'));
        expect(tdesDecryptEcb(key, encrypted).equals(data)).to.equal(true);
      }),
    );
  });

  it('when any key and IV encrypt any data with CBC, then the output equals des-ede3-cbc and both sides decrypt it', () => {
    fc.assert(
      fc.property(tdeaKey, iv, anyData, (key, ivBytes, data) => {
        const encrypted = tdesEncryptCbc(key, ivBytes, data);
        expect(encrypted.toString('hex')).to.equal(nodeCbc(key, ivBytes, data).toString('hex'));
        expect(tdesDecryptCbc(key, ivBytes, encrypted).equals(data)).to.equal(true);
        const decipher = createDecipheriv('des-ede3-cbc', key, ivBytes);
        expect(Buffer.concat([decipher.update(encrypted), decipher.final()]).equals(data)).to.equal(true);
      }),
    );
  });

  it('when the IV changes, then the CBC ciphertext changes', () => {
    const key = randomBytes(24);
    const data = Buffer.from('same message');
    const a = tdesEncryptCbc(key, Buffer.alloc(8, 1), data);
    const b = tdesEncryptCbc(key, Buffer.alloc(8, 2), data);
    expect(a.equals(b)).to.equal(false);
  });
});

describe('triple-des key and input checks', () => {
  const expectCode = (fn: () => unknown, code: string) => {
    let error: unknown;
    try {
      fn();
    } catch (err) {
      error = err;
    }
    expect(error).to.be.instanceOf(CryptoError);
    expect((error as CryptoError).code).to.equal(code);
  };
  const block = Buffer.alloc(8, 0x5a);
  const k1 = Buffer.alloc(8, 0x11);
  const k2 = Buffer.alloc(8, 0x22);
  const k3 = Buffer.alloc(8, 0x33);

  it('when the key is 8 bytes (single DES), then weak_tdea_key', () => {
    expectCode(() => tdesEncryptEcb(k1, block), 'weak_tdea_key');
  });

  it('when the key is 16 bytes (2-key TDEA), then weak_tdea_key', () => {
    expectCode(() => tdesEncryptEcb(Buffer.concat([k1, k2]), block), 'weak_tdea_key');
    expectCode(() => tdesEncryptCbc(Buffer.concat([k1, k2]), Buffer.alloc(8), block), 'weak_tdea_key');
  });

  it('when two of the three key parts are equal, then weak_tdea_key', () => {
    expectCode(() => assertTdeaKey(Buffer.concat([k1, k2, k1])), 'weak_tdea_key');
    expectCode(() => assertTdeaKey(Buffer.concat([k1, k1, k3])), 'weak_tdea_key');
    expectCode(() => assertTdeaKey(Buffer.concat([k1, k2, k2])), 'weak_tdea_key');
  });

  it('when the three parts differ, then the key is accepted', () => {
    expect(() => assertTdeaKey(Buffer.concat([k1, k2, k3]))).not.to.throw();
  });

  it('when ECB data is not a whole number of blocks, then invalid_block_length', () => {
    expectCode(() => tdesEncryptEcb(Buffer.concat([k1, k2, k3]), Buffer.alloc(7)), 'invalid_block_length');
  });

  it('when the CBC IV is not 8 bytes, then invalid_iv', () => {
    expectCode(() => tdesEncryptCbc(Buffer.concat([k1, k2, k3]), Buffer.alloc(16), block), 'invalid_iv');
  });

  it('when CBC plaintext ends in a zero byte (no valid PKCS#7 padding), then invalid_padding', () => {
    const key = Buffer.concat([k1, k2, k3]);
    const cipher = createCipheriv('des-ede3-cbc', key, Buffer.alloc(8)).setAutoPadding(false);
    const unpadded = Buffer.concat([cipher.update(Buffer.from('01234567890123\x00\x00', 'latin1')), cipher.final()]);
    expectCode(() => tdesDecryptCbc(key, Buffer.alloc(8), unpadded), 'invalid_padding');
  });
});
