import { expect } from 'chai';
import fc from 'fast-check';
import { checkIdNumber } from '../../src/domain/id-number';

/** Test oracle from the standard's definition: Σ aᵢ·2^(18−i) ≡ 1 (mod 11) over all 18, X = 10. */
function withCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (2 ** (17 - i) % 11);
  const check = (((1 - sum) % 11) + 11) % 11;
  return first17 + (check === 10 ? 'X' : String(check));
}

const now = new Date('2025-06-15T12:00:00Z');

describe('checkIdNumber', () => {
  it('when the sandbox holder ID is keyed, then it is valid', () => {
    expect(checkIdNumber('341126197709218366', now)).to.deep.equal({ ok: true, value: '341126197709218366' });
  });

  it('when a final X is keyed as *, then it is valid and the value carries X', () => {
    expect(checkIdNumber('11010519491231002*', now)).to.deep.equal({ ok: true, value: '11010519491231002X' });
  });

  const rejected: Array<[string, string, string]> = [
    ['* elsewhere', '3411261977092183*6', 'format'],
    ['17 characters', '34112619770921836', 'format'],
    ['19 characters', '3411261977092183661', 'format'],
    ['a letter', '34112619770921836A', 'format'],
    ['30 February', withCheckChar('34112619770230836'), 'date'],
    ['month 13', withCheckChar('34112619771301836'), 'date'],
    ['born before 1900', withCheckChar('34112618991231836'), 'date'],
    ['born tomorrow', withCheckChar('34112620250616836'), 'date'],
    ['a wrong check digit', '341126197709218367', 'check_digit'],
    ['* where the check digit is not X', '34112619770921836*', 'check_digit'],
  ];
  for (const [what, keyed, problem] of rejected) {
    it(`when keyed with ${what}, then the problem is ${problem}`, () => {
      expect(checkIdNumber(keyed, now)).to.deep.equal({ ok: false, problem });
    });
  }

  it('when the holder was born today in Shanghai, then the date is accepted', () => {
    expect(checkIdNumber(withCheckChar('34112620250615836'), now).ok).to.equal(true);
  });

  const birthDate = fc
    .date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2025-06-14T00:00:00Z'), noInvalidDate: true })
    .map((d) => d.toISOString().slice(0, 10).replace(/-/g, ''));
  const validId = fc
    .tuple(fc.stringMatching(/^\d{6}$/), birthDate, fc.stringMatching(/^\d{3}$/))
    .map(([region, born, seq]) => withCheckChar(region + born + seq));

  it('when a generated valid ID is keyed (X as *), then it passes with the X restored', () => {
    fc.assert(
      fc.property(validId, (id) => {
        expect(checkIdNumber(id.replace('X', '*'), now)).to.deep.equal({ ok: true, value: id });
      }),
    );
  });

  it('when any single character of a valid ID is changed, then it fails', () => {
    const chars = '0123456789X';
    fc.assert(
      fc.property(validId, fc.nat({ max: 17 }), fc.integer({ min: 1, max: 10 }), (id, at, shift) => {
        const changed = chars[(chars.indexOf(id[at]) + shift) % chars.length];
        const keyed = id.slice(0, at) + changed + id.slice(at + 1);
        expect(checkIdNumber(keyed, now).ok).to.equal(false);
      }),
    );
  });
});
