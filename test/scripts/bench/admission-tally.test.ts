import { expect } from 'chai';
import { isRefusedCall, tallyAdmission } from '../../../scripts/bench/calls/admission-tally';

const refused = { prompts: ['lines-busy'], fieldsAsked: [], failure: 'wrong fields asked' };
const paid = { prompts: ['welcome', 'enter-card', 'payment-success'], fieldsAsked: ['card'] };
const broken = { prompts: ['welcome', 'enter-card'], fieldsAsked: ['card'], failure: 'wrong fields asked' };

describe('bench:calls admission tally', () => {
  it('when the only prompt was lines-busy and no field was asked, then the call was refused', () => {
    expect(isRefusedCall({ prompts: ['lines-busy'], fieldsAsked: [] })).to.equal(true);
  });

  it('when the call heard anything else, asked a field, or heard nothing, then it was admitted', () => {
    expect(isRefusedCall({ prompts: ['welcome', 'lines-busy'], fieldsAsked: [] })).to.equal(false);
    expect(isRefusedCall({ prompts: ['lines-busy'], fieldsAsked: ['card'] })).to.equal(false);
    expect(isRefusedCall({ prompts: ['service-unavailable'], fieldsAsked: [] })).to.equal(false);
    expect(isRefusedCall({ prompts: [], fieldsAsked: [] })).to.equal(false);
  });

  it('when some calls are refused, then they are counted apart and only admitted calls can fail', () => {
    expect(tallyAdmission([refused, refused, paid, paid, broken], 2)).to.deep.equal({
      admitted: 3,
      paid: 2,
      failed: 1,
      refused: 2,
    });
  });

  it('when a call completed but its order is not paid, then it is an admitted call that failed', () => {
    expect(tallyAdmission([paid, paid], 1)).to.deep.equal({ admitted: 2, paid: 1, failed: 1, refused: 0 });
  });
});
