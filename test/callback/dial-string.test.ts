import { expect } from 'chai';
import fc from 'fast-check';
import { dialString, type DialRules } from '../../src/callback/dial-string';
import { parseSegmentTable } from '../../src/callback/number-segments';
import { requirePhoneNumber } from '../../src/callback/phone-number';
import { AppError } from '../../src/domain/app-error';

const segments = parseSegmentTable(['1391710,021', '1380013,0755', '1355253,010'].join('\n'));
const shanghaiNeedsZero: DialRules = { homeAreaCode: '021', mobileNeedsZeroOutOfArea: true, segments };
const shanghaiPlain: DialRules = { ...shanghaiNeedsZero, mobileNeedsZeroOutOfArea: false };

describe('dialString', () => {
  // [what, number as the merchant gave it, rules, digits, segmentUnknown]
  const table: Array<[string, string, DialRules, string, boolean]> = [
    ['a Shanghai landline from Shanghai', '021-62345678', shanghaiNeedsZero, '62345678', false],
    ['a Shanghai landline written +86', '+86 21 6234 5678', shanghaiNeedsZero, '62345678', false],
    ['a Beijing landline from Shanghai', '010-88888888', shanghaiNeedsZero, '01088888888', false],
    ['a Shenzhen landline from Shanghai', '0755 8888 6666', shanghaiNeedsZero, '075588886666', false],
    ['a 7-digit local number in another area', '0744-8221234', shanghaiNeedsZero, '07448221234', false],
    ['a Shanghai mobile on a trunk that needs the 0', '13917101234', shanghaiNeedsZero, '13917101234', false],
    ['a Shenzhen mobile on a trunk that needs the 0', '13800138000', shanghaiNeedsZero, '013800138000', false],
    ['a Beijing mobile written +86 on a trunk that needs the 0', '+86 135 5253 5506', shanghaiNeedsZero, '013552535506', false],
    ['an unlisted mobile on a trunk that needs the 0', '15000000000', shanghaiNeedsZero, '15000000000', true],
    ['a Shenzhen mobile on a trunk that does not need the 0', '13800138000', shanghaiPlain, '13800138000', false],
    ['an unlisted mobile on a trunk that does not need the 0', '15000000000', shanghaiPlain, '15000000000', false],
    ['a mobile given as 0 + 11 digits, in area', '013917101234', shanghaiNeedsZero, '13917101234', false],
    ['a Beijing landline from Beijing', '01088888888', { ...shanghaiNeedsZero, homeAreaCode: '010' }, '88888888', false],
    ['a Beijing mobile from Beijing', '13552535506', { ...shanghaiNeedsZero, homeAreaCode: '010' }, '13552535506', false],
  ];
  for (const [what, given, rules, digits, segmentUnknown] of table) {
    it(`when dialling ${what}, then the digits are ${digits}${segmentUnknown ? ' and the segment is flagged unknown' : ''}`, () => {
      expect(dialString(requirePhoneNumber(given), rules)).to.deep.equal({ digits, segmentUnknown });
    });
  }

  it('when the home area code is not a valid area code, then it is a config error', () => {
    for (const homeAreaCode of ['21', '0210', '']) {
      expect(() => dialString(requirePhoneNumber('13800138000'), { ...shanghaiNeedsZero, homeAreaCode }))
        .to.throw(AppError)
        .with.property('code', 'config_invalid');
    }
  });

  it('when any landline is dialled, then the digits end with its local number and carry the area code only out of area', () => {
    const areas = fc.constantFrom('010', '021', '020', '0755', '0571', '0379');
    const local = fc.stringMatching(/^[2-9]\d{6,7}$/);
    fc.assert(
      fc.property(areas, areas, local, (home, area, loc) => {
        const { digits } = dialString(requirePhoneNumber(area + loc), { ...shanghaiNeedsZero, homeAreaCode: home });
        expect(digits).to.equal(home === area ? loc : area + loc);
      }),
    );
  });
});
