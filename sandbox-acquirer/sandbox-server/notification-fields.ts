import { ACP_ENCODING, ACP_SIGN_METHOD_RSA, ACP_VERSION, type AcpFields } from '../../src/acquirer/acp/acp-fields';
import type { LedgerEntry } from '../sandbox-ledger';

/** The (unsigned) back-end notification of a successful transaction; no card number, not even masked. */
export function notificationFields(entry: LedgerEntry): AcpFields {
  return {
    version: ACP_VERSION,
    encoding: ACP_ENCODING,
    signMethod: ACP_SIGN_METHOD_RSA,
    txnType: entry.txnType,
    txnSubType: entry.txnType === '01' ? '01' : '00',
    bizType: '000301',
    accessType: '0',
    merId: entry.merId,
    orderId: entry.orderId,
    txnTime: entry.txnTime,
    txnAmt: String(entry.amountFen),
    currencyCode: '156',
    queryId: entry.queryId,
    traceNo: entry.traceNo,
    traceTime: entry.traceTime,
    settleAmt: String(entry.amountFen),
    settleCurrencyCode: '156',
    settleDate: entry.settleDate.slice(4),
    respCode: entry.respCode,
    respMsg: 'success',
    ...(entry.reqReserved ? { reqReserved: entry.reqReserved } : {}),
    ...(entry.origQryId ? { origQryId: entry.origQryId } : {}),
  };
}
