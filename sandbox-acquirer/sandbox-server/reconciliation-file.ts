import { ZM_FIELDS } from '../../src/reconciliation/zm-layout';
import type { LedgerEntry } from '../sandbox-ledger';

/**
 * The sandbox's daily reconciliation file: UnionPay's transaction-detail (流水) file INN<yymmdd>88ZM_<merId>, in
 * its published fixed-width layout (docs/reference/unionpay-acp.md §8.6; the layout as data in
 * src/reconciliation/zm-layout.ts): one line per successful transaction of the settlement date, each field padded
 * to its width and followed by one space, no header or summary line.
 *
 * What the sandbox puts in the fields it fills (the rest are spaces):
 * - tradeNo: S22 consume, S30 cancel, S33 refund (the sandbox's own codes; ivrpay reads txnType);
 * - txnTime: the transmission (receive) time MMDDhhmmss, Beijing; payCardNo: the masked number;
 * - txnAmt: 12 digits of fen; merCharge: `feeRateBp` basis points of a consume, rounded half up, D (the merchant
 *   pays); a cancel or refund returns no fee (C000000000000); settleAmt: C amount − fee for a consume, D the amount
 *   for a cancel or refund;
 * - queryId, orderId, origQryId (reversals), merId, txnType/txnSubType/bizType/accType as sent.
 */
export const DEFAULT_FEE_RATE_BP = 60;

const TRADE_NO: Record<string, string> = { '01': 'S22', '31': 'S30', '04': 'S33' };
const SANDBOX_INSTITUTION = '00010000';

export function reconciliationFile(
  entries: readonly LedgerEntry[],
  settleDate: string,
  opts: { merId?: string; feeRateBp?: number } = {},
): string {
  const rate = opts.feeRateBp ?? DEFAULT_FEE_RATE_BP;
  return entries
    .filter((e) => e.settleDate === settleDate && (e.respCode === '00' || e.respCode === 'A6'))
    .filter((e) => opts.merId === undefined || e.merId === opts.merId)
    .sort((a, b) => a.queryId.localeCompare(b.queryId))
    .map((e) => `${zmLine(zmValues(e, rate))}\n`)
    .join('');
}

function zmValues(e: LedgerEntry, rateBp: number): Record<string, string> {
  const consume = e.txnType === '01';
  const fee = consume ? Math.floor((e.amountFen * rateBp + 5000) / 10000) : 0;
  const settle = consume ? e.amountFen - fee : e.amountFen;
  return {
    tradeNo: TRADE_NO[e.txnType] ?? 'S00',
    acqInsCode: SANDBOX_INSTITUTION,
    sendInsCode: SANDBOX_INSTITUTION,
    traceNo: e.traceNo,
    txnTime: e.traceTime,
    payCardNo: e.maskedPan ?? '',
    txnAmt: zeros(e.amountFen, 12),
    termType: '07',
    queryId: e.queryId,
    orderId: e.orderId,
    merCharge: `${consume ? 'D' : 'C'}${zeros(fee, 12)}`,
    settleAmt: `${consume ? 'C' : 'D'}${zeros(settle, 12)}`,
    txnType: e.txnType,
    txnSubType: consume ? '01' : '00',
    bizType: '000301',
    accType: '01',
    origQryId: e.origQryId ?? '',
    merId: e.merId,
  };
}

/** Every field of the layout, in order, padded to its width, each followed by one space. */
export function zmLine(values: Record<string, string>): string {
  return ZM_FIELDS.map((f) => `${(values[f.name] ?? '').slice(0, f.width).padEnd(f.width, ' ')} `).join('');
}

function zeros(n: number, width: number): string {
  return String(n).padStart(width, '0');
}
