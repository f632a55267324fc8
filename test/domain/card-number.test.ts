import { expect } from 'chai';
import fc from 'fast-check';
import { checkCardNumber } from '../../src/domain/card-number';
import { luhnValid } from '../../src/domain/luhn';

describe('checkCardNumber', () => {
  it('when the sandbox debit card is keyed, then it is ok and passes Luhn', () => {
    expect(checkCardNumber('6216261000000000018')).to.deep.equal({ ok: true, luhnValid: true });
  });

  it('when the sandbox credit card (which fails Luhn) is keyed, then it is ok with a Luhn warning', () => {
    expect(checkCardNumber('6221558812340000')).to.deep.equal({ ok: true, luhnValid: false });
  });

  const rejected: Array<[string, string]> = [
    ['', 'not_digits'],
    ['62162610000000000*8', 'not_digits'],
    ['6216 2610 0000 0000', 'not_digits'],
    ['621626100000000', 'length'],
    ['62162610000000000180', 'length'],
    ['4111111111111111', 'prefix'],
    ['5555555555554444', 'prefix'],
    ['8172000000000000', 'prefix'],
    ['6011000000000004', 'prefix'],
  ];
  for (const [pan, problem] of rejected) {
    it(`when "${pan}" is keyed, then it is rejected for ${problem}`, () => {
      expect(checkCardNumber(pan)).to.deep.equal({ ok: false, problem });
    });
  }

  const accepted = ['8100000000000000', '8110000000000000', '8171999999999999', '9558801001114990', '6013820000000000000'];
  for (const pan of accepted) {
    it(`when ${pan.slice(0, 4)}… (a UnionPay range) is keyed, then it is ok`, () => {
      expect(checkCardNumber(pan).ok).to.equal(true);
    });
  }

  it('when any 16–19 digit number starting 62 is keyed, then it is ok and reports Luhn faithfully', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^62\d{14,17}$/), (pan) => {
        expect(checkCardNumber(pan)).to.deep.equal({ ok: true, luhnValid: luhnValid(pan) });
      }),
    );
  });

  it('when a number is shorter than 16 or longer than 19 digits, then the problem is its length', () => {
    const wrongLength = fc.oneof(fc.stringMatching(/^62\d{0,13}$/), fc.stringMatching(/^62\d{18,30}$/));
    fc.assert(
      fc.property(wrongLength, (pan) => {
        expect(checkCardNumber(pan)).to.deep.equal({ ok: false, problem: 'length' });
      }),
    );
  });
});
