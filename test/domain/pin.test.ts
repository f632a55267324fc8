import { expect } from 'chai';
import fc from 'fast-check';
import { validPin } from '../../src/domain/pin';

describe('validPin', () => {
  const cases = [
    ['123456', true],
    ['000000', true],
    ['12345', false],
    ['1234567', false],
    ['12345*', false],
    ['', false],
  ] as const;
  for (const [s, expected] of cases) {
    it(`when "${s}" is keyed, then it is ${expected ? 'valid' : 'invalid'}`, () => {
      expect(validPin(s)).to.equal(expected);
    });
  }

  it('when any string is keyed, then only exactly six digits are valid', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.stringMatching(/^\d{0,8}$/)), (s) => {
        expect(validPin(s)).to.equal(s.length === 6 && [...s].every((c) => c >= '0' && c <= '9'));
      }),
    );
  });
});
