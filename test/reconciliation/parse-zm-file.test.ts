import { expect } from 'chai';
import { reconciliationFile } from '../../sandbox-acquirer/sandbox-server/reconciliation-file';
import { parseZmFile } from '../../src/reconciliation/parse-zm-file';
import { ZM_OFFSETS } from '../../src/reconciliation/zm-layout';
import { CONSUME, edit, EXPECT, MER_ID, REFUND, refusal } from './zm-test-file';

describe('reconciliation/parse-zm-file', () => {
  const file = reconciliationFile([CONSUME, REFUND], '20260302');

  it('when the sandbox wrote a day, then every line reads back: types, serials, amounts, fee and settlement signed', () => {
    expect(parseZmFile(file, EXPECT)).to.deep.equal([
      {
        lineNo: 1,
        txnType: '01',
        queryId: CONSUME.queryId,
        orderId: CONSUME.orderId,
        origQryId: '',
        transmissionTime: '0302120000',
        cardMasked: '621626*********0018',
        amount: 4599,
        fee: 28,
        settleAmount: 4571,
        merId: MER_ID,
      },
      {
        lineNo: 2,
        txnType: '04',
        queryId: REFUND.queryId,
        orderId: REFUND.orderId,
        origQryId: CONSUME.queryId,
        transmissionTime: '0302120000',
        cardMasked: '621626*********0018',
        amount: 1000,
        fee: 0,
        settleAmount: -1000,
        merId: MER_ID,
      },
    ]);
  });

  it('when lines end in CRLF or lost their trailing space, or the file is empty, then it reads the same', () => {
    const crlf = file.replace(/\n/g, '\r\n');
    const trimmed = file.replace(/ \n/g, '\n');
    expect(parseZmFile(crlf, EXPECT)).to.deep.equal(parseZmFile(file, EXPECT));
    expect(parseZmFile(trimmed, EXPECT)).to.deep.equal(parseZmFile(file, EXPECT));
    expect(parseZmFile('', EXPECT)).to.deep.equal([]);
  });

  it('when a line is truncated or too long, then the file is refused with its line number', () => {
    expect(refusal(file.replace(/ \n$/, '\n').slice(0, -20) + '\n').message).to.match(
      /^line 2: is 588 characters, a ZM line has 608/,
    );
    expect(refusal(file + 'x\n').lineNo).to.equal(3);
  });

  it('when an amount has non-digits, a fee or settlement a bad D/C sign, then the line is named', () => {
    expect(refusal(edit(file, 2, 'txnAmt', '00000000100A')).message).to.equal('line 2: txnAmt must be 12 digits');
    expect(refusal(edit(file, 1, 'merCharge', 'X000000000028')).message).to.equal(
      'line 1: merCharge must be D or C and 12 digits',
    );
    expect(refusal(edit(file, 1, 'settleAmt', 'C00000000457')).message).to.equal(
      'line 1: settleAmt must be D or C and 12 digits',
    );
    expect(refusal(edit(file, 2, 'txnTime', '03021200xx')).lineNo).to.equal(2);
  });

  it('when a field runs into the next (no separating space), then the line is refused', () => {
    const o = ZM_OFFSETS.get('queryId')!;
    const shifted = file.slice(0, o.start + o.width) + 'Z' + file.slice(o.start + o.width + 1);
    expect(refusal(shifted).message).to.match(/^line 1: no separating space after queryId/);
  });

  it('when the file is another merchant’s or of another date, then it is refused with a clear reason', () => {
    expect(refusal(file, { ...EXPECT, merId: '898000000000001' }).message).to.match(/the file is another merchant's/);
    expect(refusal(file, { ...EXPECT, settleDate: '20260310' }).message).to.match(/the file is of another date/);
    // The day before's file, with calendar days: refused, so it cannot settle this date's unknowns.
    expect(refusal(file, { ...EXPECT, settleDate: '20260303' }).message).to.equal(
      'line 1: transmission time 0302120000 is outside the settlement date: the file is of another date',
    );
  });

  it('when the acquirer closes its day at 23:00, then the evening before belongs to the date and its own evening does not', () => {
    const at = (traceTime: string) => reconciliationFile([{ ...CONSUME, traceTime }], '20260302');
    const day = { ...EXPECT, settleDate: '20260302', cutoff: '230000' };
    expect(parseZmFile(at('0301230000'), day)).to.have.length(1);
    expect(parseZmFile(at('0302225959'), day)).to.have.length(1);
    expect(refusal(at('0302230000'), day).lineNo).to.equal(1);
    expect(refusal(at('0301225959'), day).lineNo).to.equal(1);
    // Across a new year: the day before 1 January is 31 December.
    const jan = reconciliationFile([{ ...CONSUME, traceTime: '1231233000', settleDate: '20270101' }], '20270101');
    expect(parseZmFile(jan, { ...day, settleDate: '20270101' })).to.have.length(1);
  });

  it('when the acquirer sent a card number unmasked, then only BIN and last four are kept', () => {
    const [record] = parseZmFile(edit(file, 1, 'payCardNo', '6216261000000000018'), EXPECT);
    expect(record.cardMasked).to.equal('621626*********0018');
  });
});
