import { expect } from 'chai';
import { lookupSegment } from '../../src/callback/number-segments';
import { sampleSegmentTable } from '../../src/callback/sample-segments';

describe('sampleSegmentTable', () => {
  it('when loaded, then it parses and holds a few dozen entries', () => {
    expect(sampleSegmentTable().size).to.be.within(24, 60);
  });

  it("when the sandbox holder's mobile is looked up, then it is in Beijing (010)", () => {
    expect(lookupSegment(sampleSegmentTable(), '13552535506')).to.equal('010');
  });

  it('when a caller changes its copy, then the next copy is unaffected', () => {
    const first = sampleSegmentTable() as Map<string, string>;
    first.clear();
    expect(sampleSegmentTable().size).to.be.greaterThan(0);
  });
});
