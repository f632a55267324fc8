import { expect } from 'chai';
import { reconciliationFile } from '../../sandbox-acquirer/sandbox-server/reconciliation-file';
import { parseZmFile } from '../../src/reconciliation/parse-zm-file';
import { ZM_OFFSETS } from '../../src/reconciliation/zm-layout';
import { CONSUME, edit, EXPECT, REFUND, refusal } from './zm-test-file';

describe('reconciliation/parse-zm-file: the file’s shape and each checked field', () => {
  const file = reconciliationFile([CONSUME, REFUND], '20260302');

  it('when the last line has no line break, then it is still read', () => {
    expect(parseZmFile(file.replace(/\n$/, ''), EXPECT)).to.deep.equal(parseZmFile(file, EXPECT));
  });

  it('when a carriage return sits inside a line, then it is the field’s data, not a line end', () => {
    const cr = edit(file, 1, 'tradeNo', 'S\r2');
    expect(parseZmFile(cr, EXPECT)).to.deep.equal(parseZmFile(file, EXPECT));
  });

  it('when a separating space is missing, then the message names the column where it belongs (1-based)', () => {
    const o = ZM_OFFSETS.get('queryId')!;
    const at = o.start + o.width;
    const shifted = file.slice(0, at) + 'Z' + file.slice(at + 1);
    expect(refusal(shifted).message).to.equal(`line 1: no separating space after queryId (column ${at + 1})`);
  });

  it('when a digit field is short or does not start with a digit, then the line is refused naming the field', () => {
    expect(refusal(edit(file, 2, 'txnType', '4')).message).to.equal('line 2: txnType must be 2 digits');
    expect(refusal(edit(file, 1, 'txnAmt', 'A00000004599')).message).to.equal('line 1: txnAmt must be 12 digits');
    expect(refusal(edit(file, 1, 'merId', '77729005811009')).message).to.equal('line 1: merId must be 15 digits');
  });

  it('when a serial or orderId is empty or holds anything but letters and digits, then the line is refused', () => {
    for (const bad of ['', '2026-0302', '-20260302', '20260302-'])
      expect(refusal(edit(file, 1, 'queryId', bad)).message, bad).to.equal('line 1: queryId must be letters and digits');
    for (const bad of ['', 'att_01', '_att01', 'att01_'])
      expect(refusal(edit(file, 2, 'orderId', bad)).message, bad).to.equal('line 2: orderId must be letters and digits');
  });

  it('when a line has no card number, then it reads with none', () => {
    const [record] = parseZmFile(edit(file, 1, 'payCardNo', ''), EXPECT);
    expect(record.cardMasked).to.equal('');
  });

  it('when a card number holds anything but digits and *, or is too short, then the line is refused', () => {
    for (const bad of ['X21626*********0018', '621626*********001X', '6216X6*********0018', '62162600018'])
      expect(refusal(edit(file, 1, 'payCardNo', bad)).message, bad).to.equal('line 1: payCardNo must be digits and *');
  });

  it('when the settlement date asked for is not YYYYMMDD, then even an empty file is refused, naming the date', () => {
    for (const settleDate of ['2026-03-02', 'x20260302', '20260302x', '2026032']) {
      const err = refusal('', { ...EXPECT, settleDate });
      expect(err.message, settleDate).to.equal(`settlement date ${settleDate} is not YYYYMMDD`);
      expect(err.lineNo).to.equal(undefined);
    }
  });
});
