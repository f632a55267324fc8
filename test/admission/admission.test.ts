import { expect } from 'chai';
import { createAdmission } from '../../src/admission/admission';

describe('admission/createAdmission', () => {
  it('when the lines in use reach TRUNK_LINES, inbound and outbound together, then a new call is refused as lines-full', () => {
    const admission = createAdmission({ totalLines: 3, overloaded: () => false });
    expect(admission.refusal({ inbound: 1, outbound: 1 })).to.equal(undefined);
    expect(admission.refusal({ inbound: 2, outbound: 1 })).to.equal('lines-full');
    expect(admission.refusal({ inbound: 0, outbound: 3 })).to.equal('lines-full');
  });

  it('when lines are free but the guard says overloaded, then a new call is refused as overloaded', () => {
    let overloaded = true;
    const admission = createAdmission({ totalLines: 30, overloaded: () => overloaded });
    expect(admission.refusal({ inbound: 0, outbound: 0 })).to.equal('overloaded');
    overloaded = false;
    expect(admission.refusal({ inbound: 0, outbound: 0 })).to.equal(undefined);
  });
});
