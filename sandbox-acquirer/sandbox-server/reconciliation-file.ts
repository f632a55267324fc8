import type { LedgerEntry } from '../sandbox-ledger';

/**
 * The sandbox's daily reconciliation file: a simplified 流水 (transaction detail) file in the
 * spirit of UnionPay's INN…ZM_<merId> (docs/reference/unionpay-acp.md §8.6). One line per successful
 * transaction of the settlement date, fields in this order, each padded to its width and separated
 * by one space (so every line is the same length); no header or summary line.
 *
 * | field       | width | content                                                       |
 * |-------------|-------|---------------------------------------------------------------|
 * | txnType     | 2     | 01 consume, 31 cancel, 04 refund                              |
 * | txnSubType  | 2     |                                                               |
 * | traceNo     | 6     | acquirer trace number                                         |
 * | traceTime   | 10    | MMDDhhmmss, Beijing                                           |
 * | accNo       | 19    | masked card number (first 6, last 4), left-aligned            |
 * | txnAmt      | 12    | fen, zero-padded                                              |
 * | queryId     | 21    | the acquirer's serial                                         |
 * | orderId     | 32    | left-aligned                                                  |
 * | txnTime     | 14    | YYYYMMDDhhmmss, as the merchant sent it                       |
 * | fee         | 13    | D (charged to the merchant) or C (returned) + 12 digits fen   |
 * | settleAmt   | 13    | C (paid to the merchant) or D (taken back) + 12 digits fen    |
 * | merId       | 15    |                                                               |
 * | reqReserved | 64    | echoed from the request (our attempt id), left-aligned        |
 *
 * Fee: `feeRateBp` basis points of the amount, rounded half up, on consumes; reversals return no fee.
 */
export const RECONCILIATION_LINE_LENGTH = [2, 2, 6, 10, 19, 12, 21, 32, 14, 13, 13, 15, 64].reduce((a, b) => a + b + 1, -1);

export const DEFAULT_FEE_RATE_BP = 60;

export function reconciliationFile(
  entries: readonly LedgerEntry[],
  settleDate: string,
  opts: { merId?: string; feeRateBp?: number } = {},
): string {
  const rate = opts.feeRateBp ?? DEFAULT_FEE_RATE_BP;
  const lines = entries
    .filter((e) => e.settleDate === settleDate && (e.respCode === '00' || e.respCode === 'A6'))
    .filter((e) => opts.merId === undefined || e.merId === opts.merId)
    .sort((a, b) => a.queryId.localeCompare(b.queryId))
    .map((e) => line(e, rate));
  return lines.map((l) => `${l}\n`).join('');
}

function line(e: LedgerEntry, rateBp: number): string {
  const consume = e.txnType === '01';
  const fee = consume ? Math.floor((e.amountFen * rateBp + 5000) / 10000) : 0;
  const settle = consume ? e.amountFen - fee : e.amountFen;
  return [
    left(e.txnType, 2),
    left(e.txnType === '01' ? '01' : '00', 2),
    left(e.traceNo, 6),
    left(e.traceTime, 10),
    left(e.maskedPan ?? '', 19),
    zeros(e.amountFen, 12),
    left(e.queryId, 21),
    left(e.orderId, 32),
    left(e.txnTime, 14),
    `${consume ? 'D' : 'C'}${zeros(fee, 12)}`,
    `${consume ? 'C' : 'D'}${zeros(settle, 12)}`,
    left(e.merId, 15),
    left(e.reqReserved ?? '', 64),
  ].join(' ');
}

function left(value: string, width: number): string {
  return value.slice(0, width).padEnd(width, ' ');
}

function zeros(n: number, width: number): string {
  return String(n).padStart(width, '0');
}
