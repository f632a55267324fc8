import { expect } from 'chai';
import { areaCodeCity, areaCodeOf, validAreaCode } from '../../src/domain/area-code';

describe('areaCodeOf', () => {
  const cases: Array<[string, string | undefined]> = [
    ['01012345678', '010'],
    ['02112345678', '021'],
    ['0755123456789', '0755'],
    ['05711234567', '0571'],
    ['02612345678', undefined],
    ['01112345678', undefined],
    ['0212', '021'],
    ['12345678', undefined],
  ];
  for (const [national, expected] of cases) {
    it(`when the number is ${national}, then the area code is ${expected}`, () => {
      expect(areaCodeOf(national)).to.equal(expected);
    });
  }
});

describe('validAreaCode', () => {
  it('when a listed or pattern-shaped code is given with its 0, then it is valid', () => {
    expect(['010', '021', '029', '0755', '0379', '0999'].map(validAreaCode)).to.deep.equal([true, true, true, true, true, true]);
  });

  it('when the 0 is missing, the code is too long or it is unassigned, then it is invalid', () => {
    expect(['21', '755', '0210', '07551', '026', '011', '0255', ''].map(validAreaCode)).to.deep.equal([
      false,
      false,
      false,
      false,
      false,
      false,
      false,
      false,
    ]);
  });
});

describe('areaCodeCity', () => {
  it('when the code is a main city, then its name is given, else undefined', () => {
    expect(areaCodeCity('021')).to.equal('上海');
    expect(areaCodeCity('0755')).to.equal('深圳');
    expect(areaCodeCity('0379')).to.equal(undefined);
  });
});
