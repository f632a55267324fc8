import { expect } from 'chai';
import { RECONCILIATION_LINE_LENGTH, reconciliationFile } from '../../../sandbox-acquirer/sandbox-server/reconciliation-file';
import type { LedgerEntry } from '../../../sandbox-acquirer/sandbox-ledger';

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

describe('reconciliationFile', () => {
  it('when a consume settled that day, then one fixed-width line with the documented fields in order', () => {
    const file = reconciliationFile([ENTRY], '20260302');
    expect(file).to.equal(
      '01 01 000001 0302120000 621626*********0018 000000004599 202603021200000000001 att00000000000000000001          ' +
        `20260302120000 D000000000028 C000000004571 777290058110097 ${'att_00000000000000000001-1'.padEnd(64)}\n`,
    );
    expect(file.length - 1).to.equal(RECONCILIATION_LINE_LENGTH);
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
    expect(all.map((l) => l.slice(57, 78))).to.deep.equal(['202603021200000000005', '202603021200000000009']);
  });
});
