import { expect } from 'chai';
import { createHmac, randomBytes } from 'node:crypto';
import { createCardFingerprint } from '../../src/crypto/card-fingerprint';
import { DEBIT as PAN } from '../helpers/test-cards';

describe('crypto/createCardFingerprint', () => {
  it('when one card is fingerprinted twice, then the fingerprints match, and another card differs', () => {
    const fingerprint = createCardFingerprint(randomBytes(32));
    expect(fingerprint(PAN)).to.equal(fingerprint(PAN));
    expect(fingerprint(PAN)).not.to.equal(fingerprint('6221558812340000'));
  });

  it('when the key differs, then the fingerprint differs: it is keyed, not a plain hash', () => {
    expect(createCardFingerprint(randomBytes(32))(PAN)).not.to.equal(createCardFingerprint(randomBytes(32))(PAN));
  });

  it('when stored, then it carries a version, not the number, and not an HMAC under the secrets key itself', () => {
    const secretsKey = randomBytes(32);
    const value = createCardFingerprint(secretsKey)(PAN);
    expect(value).to.match(/^v1:[0-9a-f]{64}$/);
    expect(value).not.to.contain(PAN);
    expect(value.slice(3)).not.to.equal(createHmac('sha256', secretsKey).update(PAN).digest('hex'));
  });
});
