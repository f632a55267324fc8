import { expect } from 'chai';
import fs from 'node:fs';
import { loadDialRules } from '../../src/callback/load-dial-rules';
import { lookupSegment } from '../../src/callback/number-segments';
import { testOutputFile } from '../helpers/test-output';

describe('callback/load-dial-rules', () => {
  it('when no segment file is set, then the sample table is used', () => {
    const rules = loadDialRules({ homeAreaCode: '021', mobileZeroOutOfArea: true });
    expect(rules).to.include({ homeAreaCode: '021', mobileNeedsZeroOutOfArea: true });
    expect(lookupSegment(rules.segments, '13552535506')).to.equal('010');
  });

  it('when a segment file is set, then it replaces the sample; a bad or missing one is config_invalid', () => {
    const file = testOutputFile('segments.csv');
    fs.writeFileSync(file, 'segment,areaCode\n1355253,0755\n');
    expect(
      lookupSegment(
        loadDialRules({ homeAreaCode: '010', mobileZeroOutOfArea: false, segmentsFile: file }).segments,
        '13552535506',
      ),
    ).to.equal('0755');
    fs.writeFileSync(file, '1355253,9999\n');
    expect(() => loadDialRules({ homeAreaCode: '010', mobileZeroOutOfArea: false, segmentsFile: file })).to.throw('line 1');
    expect(() => loadDialRules({ homeAreaCode: '010', mobileZeroOutOfArea: false, segmentsFile: `${file}.missing` })).to.throw(
      'cannot read',
    );
  });
});
