import { expect } from 'chai';
import { reconciliationFile, zmLine } from '../../../sandbox-acquirer/sandbox-server/reconciliation-file';
import type { LedgerEntry } from '../../../sandbox-acquirer/sandbox-ledger';
import { ZM_FIELDS, ZM_LINE_LENGTH, ZM_OFFSETS } from '../../../src/reconciliation/zm-layout';

const ENTRY: LedgerEntry = {
  merId: '777290058110097',
  orderId: 'att00000000000000000001',
  txnTime: '20260302120000',
  txnType: '01',
  amountFen: 4599,
  respCode: '00',
  queryId: '202603021200000000001',
  traceNo: '000001',
  traceTime: '0302120000',
  settleDate: '20260302',
  maskedPan: '621626*********0018',
  reqReserved: 'att_00000000000000000001-1',
};

function fieldOf(line: string, name: string): string {
  const o = ZM_OFFSETS.get(name)!;
  return line.slice(o.start, o.start + o.width);
}

describe('sandbox-acquirer/reconciliation-file (UnionPay ZM layout)', () => {
  it('when the layout is summed, then 41 fields, each followed by a space, make the 608 characters of the sample', () => {
    expect(ZM_FIELDS).to.have.length(41);
    expect(ZM_LINE_LENGTH).to.equal(608);
    expect(zmLine({})).to.equal(' '.repeat(608));
  });

  it('when a consume settled that day, then one 608-character line with the published fields at their offsets', () => {
    const file = reconciliationFile([ENTRY], '20260302');
    const [line, rest] = file.split('\n');
    expect(rest).to.equal('');
    expect(line).to.have.length(608);
    expect(line.startsWith('S22 00010000    00010000    000001 0302120000 621626*********0018 000000004599 ')).to.equal(true);
    expect(fieldOf(line, 'queryId')).to.equal('202603021200000000001');
    expect(fieldOf(line, 'orderId')).to.equal('att00000000000000000001'.padEnd(32));
    expect(fieldOf(line, 'merCharge')).to.equal('D000000000028');
    expect(fieldOf(line, 'settleAmt')).to.equal('C000000004571');
    expect(fieldOf(line, 'txnType') + fieldOf(line, 'txnSubType') + fieldOf(line, 'bizType')).to.equal('0101000301');
    expect(fieldOf(line, 'merId')).to.equal('777290058110097');
    expect(line).not.to.include('att_00000000000000000001-1');
  });

  it('when a refund settled, then its fee is returned (C0) and its amount taken back (D), with the consume as origQryId', () => {
    const [line] = reconciliationFile([{ ...ENTRY, txnType: '04', amountFen: 2500, origQryId: 'Q0' }], '20260302').split('\n');
    expect(fieldOf(line, 'tradeNo')).to.equal('S33');
    expect(fieldOf(line, 'merCharge') + fieldOf(line, 'settleAmt')).to.equal('C000000000000D000000002500');
    expect(fieldOf(line, 'origQryId').trim()).to.equal('Q0');
  });

  it('when the fee comes to a fraction of a fen, then it is rounded half up (60 bp of 2500 fen = 15; of 4599 = 27.594 → 28)', () => {
    expect(reconciliationFile([{ ...ENTRY, amountFen: 2500 }], '20260302')).to.include(' D000000000015 C000000002485 ');
    expect(reconciliationFile([ENTRY], '20260302', { feeRateBp: 0 })).to.include(' D000000000000 C000000004599 ');
  });

  it('when transactions failed, are of another day or another merchant, then they are left out, and lines sort by queryId', () => {
    const entries = [
      { ...ENTRY, queryId: '202603021200000000009' },
      { ...ENTRY, respCode: '65' },
      { ...ENTRY, settleDate: '20260303' },
      { ...ENTRY, merId: '898000000000001', queryId: '202603021200000000005' },
    ];
    expect(reconciliationFile(entries, '20260302', { merId: ENTRY.merId }).split('\n')).to.have.length(2);
    const all = reconciliationFile(entries, '20260302').split('\n').slice(0, -1);
    expect(all.map((l) => fieldOf(l, 'queryId'))).to.deep.equal(['202603021200000000005', '202603021200000000009']);
  });
});
