import { expect } from 'chai';
import { greetingSound, parseGreetingSound } from '../../src/call/sound-id';

describe('greetingSound', () => {
  it("names a merchant's greeting in one language, and reads back as such", () => {
    expect(greetingSound('mch_Ab-1', 'en')).to.equal('greeting:mch_Ab-1/en');
    expect(parseGreetingSound(greetingSound('mch_Ab-1', 'en'))).to.deep.equal({ merchantId: 'mch_Ab-1', language: 'en' });
  });

  it('refuses a merchant id that could leave the greetings folder', () => {
    expect(() => greetingSound('../../etc', 'zh')).to.throw(/not a merchant id/);
    expect(() => greetingSound('a/b', 'zh')).to.throw(/not a merchant id/);
  });

  it('is not a prompt id', () => {
    expect(parseGreetingSound('welcome')).to.equal(undefined);
  });
});
