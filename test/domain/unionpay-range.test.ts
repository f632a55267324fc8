import { expect } from 'chai';
import { isUnionPayRange } from '../../src/domain/unionpay-range';

describe('isUnionPayRange', () => {
  const cases: Array<[string, boolean]> = [
    ['6200000000000000', true],
    ['6299999999999999', true],
    ['8100000000000000', true],
    ['8110000000000000', true],
    ['8171000000000000', true],
    ['8172000000000000', false],
    ['8090000000000000', false],
    ['4111111111111111', false],
    ['6011000000000004', false],
  ];
  for (const [pan, expected] of cases) {
    it(`when the number starts ${pan.slice(0, 4)}, then it answers ${expected}`, () => {
      expect(isUnionPayRange(pan)).to.equal(expected);
    });
  }

  it('when a 60/9 number starts with a legacy prefix of the BIN data, then it is in range', () => {
    expect(isUnionPayRange('9555000000000000', ['9555'])).to.equal(true);
    expect(isUnionPayRange('6033670000000000', ['603367'])).to.equal(true);
  });

  it('when a 60/9 number has no legacy prefix of the BIN data, then it is out of range', () => {
    expect(isUnionPayRange('9555000000000000', ['9556'])).to.equal(false);
    expect(isUnionPayRange('9500000000000000')).to.equal(false);
  });

  it('when the bundled data is used, then a known legacy BIN (ICBC 9558) is in range', () => {
    expect(isUnionPayRange('9558000000000000000')).to.equal(true);
  });
});
