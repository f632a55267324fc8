import { expect } from 'chai';
import fc from 'fast-check';
import { validMobile } from '../../src/domain/mobile';

describe('validMobile', () => {
  const cases: Array<[string, boolean]> = [
    ['13552535506', true],
    ['19912345678', true],
    ['12552535506', false],
    ['10552535506', false],
    ['1355253550', false],
    ['135525355061', false],
    ['+8613552535506', false],
    ['1355253550*', false],
    ['', false],
  ];
  for (const [s, expected] of cases) {
    it(`when "${s}" is keyed, then it is ${expected ? 'valid' : 'invalid'}`, () => {
      expect(validMobile(s)).to.equal(expected);
    });
  }

  it('when 11 digits start 1 then 3–9, then valid; 1 then 0–2, then invalid', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 9 }), fc.stringMatching(/^\d{9}$/), (second, rest) => {
        expect(validMobile(`1${second}${rest}`)).to.equal(second >= 3);
      }),
    );
  });
});
