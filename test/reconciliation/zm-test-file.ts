import type { LedgerEntry } from '../../sandbox-acquirer/sandbox-ledger';
import { parseZmFile } from '../../src/reconciliation/parse-zm-file';
import { ReconciliationFileError } from '../../src/reconciliation/reconciliation-file-error';
import { ZM_OFFSETS } from '../../src/reconciliation/zm-layout';

/** ZM lines for parse-zm-file's tests: a consume and its refund as the sandbox writes them, and ways to spoil them. */
export const MER_ID = '777290058110097';
export const EXPECT = { merId: MER_ID, settleDate: '20260302', cutoff: '240000' };
export const CONSUME: LedgerEntry = {
  merId: MER_ID,
  orderId: 'att0000000000000000000a1',
  txnTime: '20260302120000',
  txnType: '01',
  amountFen: 4599,
  respCode: '00',
  queryId: '202603021200000000001',
  traceNo: '000001',
  traceTime: '0302120000',
  settleDate: '20260302',
  maskedPan: '621626*********0018',
};
export const REFUND: LedgerEntry = {
  ...CONSUME,
  txnType: '04',
  orderId: 'rfd0000000000000000000b',
  amountFen: 1000,
  queryId: '202603021300000000002',
  origQryId: CONSUME.queryId,
};

/** The file with `name` of line `lineNo` (1-based) overwritten by `value`. */
export function edit(file: string, lineNo: number, name: string, value: string): string {
  const lines = file.split('\n');
  const o = ZM_OFFSETS.get(name)!;
  const line = lines[lineNo - 1];
  lines[lineNo - 1] = line.slice(0, o.start) + value.padEnd(o.width).slice(0, o.width) + line.slice(o.start + o.width);
  return lines.join('\n');
}

export function refusal(text: string, expect_ = EXPECT): ReconciliationFileError {
  try {
    parseZmFile(text, expect_);
  } catch (err) {
    if (err instanceof ReconciliationFileError) return err;
    throw err;
  }
  throw new Error('the file was accepted');
}
