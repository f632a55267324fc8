import { expect } from 'chai';
import fc from 'fast-check';
import { validCvn2 } from '../../src/domain/cvn2';

describe('validCvn2', () => {
  const cases = [
    ['123', true],
    ['000', true],
    ['12', false],
    ['1234', false],
    ['12a', false],
    ['', false],
  ] as const;
  for (const [s, expected] of cases) {
    it(`when "${s}" is keyed, then it is ${expected ? 'valid' : 'invalid'}`, () => {
      expect(validCvn2(s)).to.equal(expected);
    });
  }

  it('when any string is keyed, then only exactly three digits are valid', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.stringMatching(/^\d{0,5}$/)), (s) => {
        expect(validCvn2(s)).to.equal(s.length === 3 && [...s].every((c) => c >= '0' && c <= '9'));
      }),
    );
  });
});
