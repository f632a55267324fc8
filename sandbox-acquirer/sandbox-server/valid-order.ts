import type { AcpFields } from '../../src/acquirer/acp/acp-fields';
import { isAcpOrderId } from '../../src/acquirer/acp/acp-order-id';
import { parseTxnTime } from '../../src/acquirer/acp/txn-time';

/** The order fields every transaction request needs: merId, orderId, txnTime and, if `withAmount`, a positive txnAmt. */
export function validOrder(fields: AcpFields, withAmount: boolean): boolean {
  if (!/^\d{15}$/.test(fields.merId ?? '') || !isAcpOrderId(fields.orderId ?? '')) return false;
  try {
    parseTxnTime(fields.txnTime ?? '');
  } catch {
    return false;
  }
  return !withAmount || /^[1-9]\d{0,11}$/.test(fields.txnAmt ?? '');
}
