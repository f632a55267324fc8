import { expect } from 'chai';
import sinon from 'sinon';
import { encryptPin } from '../../../src/acquirer/acp/pin-encryption';
import { pinBlockMatches } from '../../../src/crypto/pin-block';
import { tdesDecryptEcb } from '../../../src/crypto/triple-des';
import { generateZonePinKey } from '../../../src/crypto/zone-pin-key';
import { fixturePki } from '../../crypto/pki-fixture';
import { acquirerKeys, type AcquirerKeys } from './acp-test-keys';
import { DEBIT as PAN } from '../../helpers/test-cards';

const ascii = (s: string) => Buffer.from(s, 'ascii');

describe('encryptPin', function () {
  this.timeout(30000);
  let keys: AcquirerKeys;
  before(async () => {
    keys = acquirerKeys(await fixturePki());
  });
  afterEach(() => sinon.restore());

  it('when protected with RSA, then the acquirer decrypts a format-0 block carrying the PIN', () => {
    const sealed = encryptPin(ascii(PAN), ascii('123456'), { kind: 'rsa' }, keys.encryption);
    const block = keys.decrypt(sealed);
    expect(pinBlockMatches(block, ascii(PAN), ascii('123456'))).to.equal(true);
    expect(pinBlockMatches(block, ascii(PAN), ascii('654321'))).to.equal(false);
  });

  it('when protected with TDEA under a zone PIN key, then the 8-byte result decrypts under that key to the block', () => {
    const zonePinKey = generateZonePinKey();
    const sealed = Buffer.from(encryptPin(ascii(PAN), ascii('123456'), { kind: 'tdea', zonePinKey }, keys.encryption), 'base64');
    expect(sealed).to.have.length(8);
    expect(pinBlockMatches(tdesDecryptEcb(zonePinKey, sealed), ascii(PAN), ascii('123456'))).to.equal(true);
    expect(pinBlockMatches(sealed, ascii(PAN), ascii('123456'))).to.equal(false);
  });

  it('when the same PIN is protected twice with RSA, then the ciphertexts differ (randomised padding)', () => {
    const a = encryptPin(ascii(PAN), ascii('123456'), { kind: 'rsa' }, keys.encryption);
    const b = encryptPin(ascii(PAN), ascii('123456'), { kind: 'rsa' }, keys.encryption);
    expect(a).not.to.equal(b);
  });

  it('when protected with TDEA, then the clear PIN block is zeroed before it returns; only the ciphertext remains', () => {
    const zonePinKey = generateZonePinKey();
    const alloc = sinon.spy(Buffer, 'alloc');
    const sealed = encryptPin(ascii(PAN), ascii('123456'), { kind: 'tdea', zonePinKey }, keys.encryption);
    alloc.restore();
    const blocks = alloc.returnValues.filter((buf) => buf.length === 8 && buf.toString('base64') !== sealed);
    expect(blocks).to.have.length.greaterThan(0);
    for (const buf of blocks) expect([...buf]).to.deep.equal(new Array<number>(8).fill(0));
  });
});
