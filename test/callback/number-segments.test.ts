import { expect } from 'chai';
import { lookupSegment, parseSegmentTable } from '../../src/callback/number-segments';
import { AppError } from '../../src/domain/app-error';

function problemOf(csv: string): string {
  try {
    parseSegmentTable(csv);
  } catch (e) {
    expect(e).to.be.instanceOf(AppError).with.property('code', 'config_invalid');
    return (e as AppError).message;
  }
  throw new Error('expected the table to be refused');
}

describe('parseSegmentTable', () => {
  it('when lines carry comments, blanks, a header, CRLF and area codes without their 0, then all entries load', () => {
    const csv = '# sample\r\nsegment,areaCode\r\n1380013,0755 # Shenzhen\r\n\r\n1391012, 10\r\n1391710,021\r\n';
    const table = parseSegmentTable(csv);
    expect([...table.entries()]).to.deep.equal([
      ['1380013', '0755'],
      ['1391012', '010'],
      ['1391710', '021'],
    ]);
  });

  it('when a segment repeats with the same area, then it is accepted once', () => {
    expect(parseSegmentTable('1380013,0755\n1380013,755\n').size).to.equal(1);
  });

  it('when lines are malformed, then every bad line is reported with its number', () => {
    const message = problemOf(
      ['1380013,0755', '138001,0755', '1380014;0755', '1280013,010', '1380015,026', '1380016,0755,x'].join('\n'),
    );
    expect(message).to.include('line 2: segment must be 7 digits');
    expect(message).to.include('line 3: expected "segment,areaCode"');
    expect(message).to.include('line 4: segment must be 7 digits');
    expect(message).to.include('line 5: area code is not a mainland area code');
    expect(message).to.include('line 6: expected "segment,areaCode"');
    expect(message).not.to.include('line 1:');
  });

  it('when a segment is mapped to two areas, then the second line is reported with the first one', () => {
    expect(problemOf('1380013,0755\n# x\n1380013,020\n')).to.include(
      'line 3: segment 1380013 is already mapped to 0755 on line 1',
    );
  });

  it('when the header appears after data, then it is reported as a bad line', () => {
    expect(problemOf('1380013,0755\nsegment,areaCode\n')).to.include('line 2: segment must be 7 digits');
  });

  it('when there are many bad lines, then ten are shown and the rest counted', () => {
    const message = problemOf(Array.from({ length: 13 }, () => 'bad').join('\n'));
    expect(message).to.include('line 10:').and.include('… and 3 more');
    expect(message).not.to.include('line 11:');
  });

  it('when the text has no entries, then it is refused', () => {
    expect(problemOf('# only a comment\n\nsegment,areaCode\n')).to.include('no segments found');
  });
});

describe('lookupSegment', () => {
  const table = parseSegmentTable('1380013,0755\n1391012,010\n');

  it("when the mobile's first 7 digits are listed, then their area code is returned", () => {
    expect(lookupSegment(table, '13800138000')).to.equal('0755');
    expect(lookupSegment(table, '13910120000')).to.equal('010');
  });

  it('when the segment is not listed or the input is not a mobile, then it is undefined', () => {
    expect(lookupSegment(table, '13800148000')).to.equal(undefined);
    expect(lookupSegment(table, '1380013')).to.equal(undefined);
    expect(lookupSegment(table, '138001380001')).to.equal(undefined);
  });
});
