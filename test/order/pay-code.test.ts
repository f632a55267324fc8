import { expect } from 'chai';
import { LANGUAGE_KEY } from '../../src/call/offer-language';
import { newPayCode } from '../../src/order/pay-code';

describe('order/pay-code', () => {
  it('when pay codes are drawn, then each is 6 digits beginning with 1 to 8: never 0, never the language key', () => {
    const firsts = new Set<string>();
    for (let i = 0; i < 5000; i++) {
      const code = newPayCode();
      expect(code).to.match(/^[1-8]\d{5}$/);
      firsts.add(code[0]);
    }
    expect(LANGUAGE_KEY).to.equal('9');
    expect([...firsts].sort()).to.deep.equal(['1', '2', '3', '4', '5', '6', '7', '8']);
  });
});
