import { expect } from 'chai';
import fc from 'fast-check';
import { lastFour, maskPan } from '../../src/domain/mask';

const shownDigits = (masked: string) => [...masked].filter((c) => c !== '*').length;

describe('maskPan', () => {
  it('when given the 19-digit sandbox card, then first 6 and last 4 show and the length is kept', () => {
    expect(maskPan('6216261000000000018')).to.equal('621626*********0018');
  });

  it('when given the 16-digit sandbox card, then six digits are hidden', () => {
    expect(maskPan('6221558812340000')).to.equal('622155******0000');
  });

  it('when given something too short to hide three digits, then everything is hidden', () => {
    expect(maskPan('123456789012')).to.equal('************');
    expect(maskPan('')).to.equal('');
  });

  it('when given any digit string, then the length is kept and at most 10 digits show', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{0,30}$/), (pan) => {
        const masked = maskPan(pan);
        expect(masked).to.have.length(pan.length);
        expect(shownDigits(masked)).to.be.at.most(10);
      }),
    );
  });

  it('when given a 16–19 digit PAN, then exactly the first 6 and last 4 digits show', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{16,19}$/), (pan) => {
        const masked = maskPan(pan);
        expect(masked.slice(0, 6)).to.equal(pan.slice(0, 6));
        expect(masked.slice(-4)).to.equal(pan.slice(-4));
        expect(masked.slice(6, -4)).to.match(/^\*+$/);
      }),
    );
  });
});

describe('lastFour', () => {
  it('when given a PAN, then it answers its last four digits', () => {
    expect(lastFour('6216261000000000018')).to.equal('0018');
  });
});
