import { expect } from 'chai';
import { encryptField } from '../../../src/acquirer/acp/field-encryption';
import { fixturePki } from '../../crypto/pki-fixture';
import { acquirerKeys, type AcquirerKeys } from './acp-test-keys';
import { DEBIT } from '../../helpers/test-cards';

describe('encryptField', function () {
  this.timeout(30000);
  let keys: AcquirerKeys;
  before(async () => {
    keys = acquirerKeys(await fixturePki());
  });

  it('when a field is encrypted, then the acquirer recovers it and the clear buffer handed over is zeroed', () => {
    const plain = Buffer.from(DEBIT, 'ascii');
    const sealed = encryptField(plain, keys.encryption);
    expect(keys.decrypt(sealed).toString('ascii')).to.equal(DEBIT);
    expect([...plain]).to.deep.equal(new Array<number>(plain.length).fill(0));
  });

  it('when encryption fails (too long for the key), then the clear buffer is zeroed all the same', () => {
    const plain = Buffer.alloc(1024, 0x31);
    expect(() => encryptField(plain, keys.encryption)).to.throw();
    expect(plain.every((b) => b === 0)).to.equal(true);
  });
});
