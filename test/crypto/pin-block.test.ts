import { expect } from 'chai';
import fc from 'fast-check';
import sinon from 'sinon';
import { CryptoError } from '../../src/crypto/crypto-error';
import { buildPinBlock, pinBlockMatches } from '../../src/crypto/pin-block';
import { decodePinBlock } from './pin-block-decoder';

const ascii = (s: string) => Buffer.from(s, 'ascii');
const digits = (min: number, max: number) => fc.stringMatching(new RegExp(`^\\d{${min},${max}}$`));

describe('buildPinBlock', () => {
  const vectors: Array<[string, string, string]> = [
    ['43219876543210987', '1234', '0412AC89ABCDEF67'],
    ['4000001234562', '92389', '0592789FFFEDCBA9'],
  ];
  for (const [pan, pin, block] of vectors) {
    it(`when given the published vector PAN ${pan} PIN ${pin}, then the block is ${block}`, () => {
      expect(buildPinBlock(ascii(pan), ascii(pin)).toString('hex').toUpperCase()).to.equal(block);
    });
  }

  it('when given the sandbox debit card and its PIN, then the block decodes back to that PIN', () => {
    const block = buildPinBlock(ascii('6216261000000000018'), ascii('123456'));
    expect(block).to.have.length(8);
    expect(decodePinBlock(block, '6216261000000000018')).to.equal('123456');
  });

  it('when any PAN and PIN are encoded, then the first nibble is 0, the second the PIN length, and decoding round-trips', () => {
    fc.assert(
      fc.property(digits(13, 19), digits(4, 12), (pan, pin) => {
        const block = buildPinBlock(ascii(pan), ascii(pin));
        expect(block[0] >> 4).to.equal(0);
        expect(block[0] & 0x0f).to.equal(pin.length);
        expect(decodePinBlock(block, pan)).to.equal(pin);
      }),
    );
  });

  it('when only the check digit of the PAN changes, then the block is the same (ISO-0 ignores it)', () => {
    const a = buildPinBlock(ascii('6216261000000000018'), ascii('123456'));
    const b = buildPinBlock(ascii('6216261000000000015'), ascii('123456'));
    expect(a.equals(b)).to.equal(true);
  });

  const invalid: Array<[string, string, string]> = [
    ['a 3-digit PIN', '6216261000000000018', '123'],
    ['a 13-digit PIN', '6216261000000000018', '1234567890123'],
    ['a PIN with a letter', '6216261000000000018', '12a456'],
    ['a 12-digit PAN', '621626100000', '123456'],
    ['a PAN with a space', '6216 261000000000018', '123456'],
  ];
  for (const [what, pan, pin] of invalid) {
    it(`when given ${what}, then it throws a CryptoError that does not contain the input`, () => {
      let error: unknown;
      try {
        buildPinBlock(ascii(pan), ascii(pin));
      } catch (err) {
        error = err;
      }
      expect(error).to.be.instanceOf(CryptoError);
      expect((error as CryptoError).message).not.to.include(pin);
      expect((error as CryptoError).message).not.to.include(pan);
    });
  }

  it('when it returns, then the input buffers are left as given (the caller wipes them)', () => {
    const pan = ascii('6216261000000000018');
    const pin = ascii('123456');
    buildPinBlock(pan, pin);
    expect(pin.toString()).to.equal('123456');
  });
});

describe('pin-block: intermediate buffers are wiped', () => {
  afterEach(() => sinon.restore());

  /** Every buffer Buffer.alloc handed out while `run` ran. */
  function allocatedDuring(run: () => void): Buffer[] {
    const alloc = sinon.spy(Buffer, 'alloc');
    try {
      run();
    } finally {
      alloc.restore();
    }
    return alloc.returnValues;
  }

  it('when a PIN block is built, then every buffer made on the way but the block itself is zeroed before it returns', () => {
    let block: Buffer = Buffer.alloc(0);
    const made = allocatedDuring(() => {
      block = buildPinBlock(ascii('6216261000000000018'), ascii('987654'));
    });

    const intermediates = made.filter((buf) => buf !== block);
    expect(made).to.include(block);
    expect(intermediates).to.have.length.greaterThan(0);
    for (const buf of intermediates) expect([...buf]).to.deep.equal(new Array<number>(buf.length).fill(0));
    expect(block.toString('hex')).to.not.equal('0000000000000000');
  });

  it('when a block is checked against an expected PIN, then the expected block built for the comparison is zeroed too', () => {
    const pan = ascii('6216261000000000018');
    const block = buildPinBlock(pan, ascii('987654'));
    let same = false;
    const made = allocatedDuring(() => {
      same = pinBlockMatches(block, pan, ascii('987654'));
    });

    expect(same).to.equal(true);
    expect(made).to.have.length.greaterThan(0);
    for (const buf of made) expect([...buf]).to.deep.equal(new Array<number>(buf.length).fill(0));
  });
});

describe('pinBlockMatches', () => {
  const pan = ascii('6216261000000000018');
  const block = buildPinBlock(pan, ascii('123456'));

  it('when the block carries the expected PIN, then it matches', () => {
    expect(pinBlockMatches(block, pan, ascii('123456'))).to.equal(true);
  });

  it('when the block carries another PIN, then it does not match', () => {
    expect(pinBlockMatches(block, pan, ascii('123457'))).to.equal(false);
  });

  it('when the block was made for another PAN, then it does not match', () => {
    expect(pinBlockMatches(block, ascii('6221558812340000'), ascii('123456'))).to.equal(false);
  });

  it('when the block has the wrong length or the PAN is invalid, then it does not match instead of throwing', () => {
    expect(pinBlockMatches(block.subarray(0, 7), pan, ascii('123456'))).to.equal(false);
    expect(pinBlockMatches(block, ascii('12'), ascii('123456'))).to.equal(false);
  });
});
