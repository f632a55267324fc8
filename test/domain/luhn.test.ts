import { expect } from 'chai';
import fc from 'fast-check';
import { luhnValid } from '../../src/domain/luhn';
import { luhnCheckDigit } from './luhn-helper';

describe('luhnValid', () => {
  const examples: Array<[string, boolean]> = [
    ['79927398713', true],
    ['79927398710', false],
    ['6216261000000000018', true],
    ['6221558812340000', false],
    ['0', true],
    ['', false],
    ['7992739871a', false],
    ['4111 1111 1111 1111', false],
  ];
  for (const [digits, expected] of examples) {
    it(`when given "${digits}", then it answers ${expected}`, () => {
      expect(luhnValid(digits)).to.equal(expected);
    });
  }

  const payload = fc.stringMatching(/^\d{1,18}$/);

  it('when the correct check digit is appended, then the number is valid', () => {
    fc.assert(fc.property(payload, (p) => luhnValid(p + luhnCheckDigit(p))));
  });

  it('when any single digit of a valid number is changed, then it is invalid', () => {
    const changed = payload.chain((p) =>
      fc.record({
        valid: fc.constant(p + luhnCheckDigit(p)),
        at: fc.nat({ max: p.length }),
        shift: fc.integer({ min: 1, max: 9 }),
      }),
    );
    fc.assert(
      fc.property(changed, ({ valid, at, shift }) => {
        const digit = String((Number(valid[at]) + shift) % 10);
        const broken = valid.slice(0, at) + digit + valid.slice(at + 1);
        expect(luhnValid(broken)).to.equal(false);
      }),
    );
  });
});
