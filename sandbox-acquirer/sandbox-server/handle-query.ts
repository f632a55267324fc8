import type { AcpFields } from '../../src/acquirer/acp/acp-fields';
import { answer, type GatewayContext, type GatewayReply } from './gateway-context';
import { validOrder } from './valid-order';

/** Query (00) by (orderId, txnTime): respCode 00 and the transaction's code in origRespCode, or 34. */
export function handleQuery(fields: AcpFields, ctx: GatewayContext): GatewayReply {
  if (!validOrder(fields, false)) return answer(fields, '13');
  const entry = ctx.ledger.find(fields.merId, fields.orderId, fields.txnTime);
  if (!entry) return answer(fields, '34');
  const code = entry.queriesSay ?? entry.respCode;
  return answer(fields, '00', {
    origRespCode: code,
    origRespMsg: code === '00' ? 'success' : code === '03' ? 'in progress' : 'declined by the issuer',
    queryId: entry.queryId,
    txnAmt: String(entry.amountFen),
    traceNo: entry.traceNo,
    traceTime: entry.traceTime,
    settleDate: entry.settleDate.slice(4),
    ...(entry.reqReserved ? { reqReserved: entry.reqReserved } : {}),
    ...(entry.origQryId ? { origQryId: entry.origQryId } : {}),
  });
}
