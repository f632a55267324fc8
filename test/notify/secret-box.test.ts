import { expect } from 'chai';
import { createSecretBox, keyId } from '../../src/notify/secret-box';

const keyA = Buffer.alloc(32, 1);
const keyB = Buffer.alloc(32, 2);

describe('notify/secret-box', () => {
  it('when a secret is sealed, then it opens with the same context and its text is not in the sealed form', () => {
    const box = createSecretBox({ current: keyA });
    const sealed = box.seal('whsec_abc', 'merchants.webhook_secret:mch_1');
    expect(sealed).to.match(new RegExp(`^v1\\.${keyId(keyA)}\\.[\\w-]+\\.[\\w-]+\\.[\\w-]+$`));
    expect(sealed).not.to.include('whsec_abc');
    expect(box.open(sealed, 'merchants.webhook_secret:mch_1')).to.equal('whsec_abc');
    expect(box.seal('whsec_abc', 'c')).not.to.equal(box.seal('whsec_abc', 'c'));
  });

  it('when the context differs or the ciphertext is altered, then opening fails', () => {
    const box = createSecretBox({ current: keyA });
    const sealed = box.seal('whsec_abc', 'merchants.webhook_secret:mch_1');
    expect(() => box.open(sealed, 'merchants.webhook_secret:mch_2')).to.throw(/integrity/);
    const parts = sealed.split('.');
    parts[4] = (parts[4][0] === 'A' ? 'B' : 'A') + parts[4].slice(1);
    expect(() => box.open(parts.join('.'), 'merchants.webhook_secret:mch_1')).to.throw(/integrity/);
    expect(() => box.open('not sealed', 'x')).to.throw(/format/);
  });

  it('when the key rotates, then old values still open with the previous key and are reported stale', () => {
    const sealedUnderA = createSecretBox({ current: keyA }).seal('s', 'ctx');
    const rotated = createSecretBox({ current: keyB, previous: [keyA] });
    expect(rotated.open(sealedUnderA, 'ctx')).to.equal('s');
    expect(rotated.isStale(sealedUnderA)).to.equal(true);
    expect(rotated.isStale(rotated.seal('s', 'ctx'))).to.equal(false);
    expect(() => createSecretBox({ current: keyB }).open(sealedUnderA, 'ctx')).to.throw(/not configured/);
  });

  it('when a key is not 32 bytes, then the box refuses it', () => {
    expect(() => createSecretBox({ current: Buffer.alloc(16) })).to.throw(/32 bytes/);
  });
});
