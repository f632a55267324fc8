import type { AcpFields } from '../../src/acquirer/acp/acp-fields';
import { answer, type GatewayContext, type GatewayReply } from './gateway-context';
import { validOrder } from './valid-order';

/**
 * Cancel (31) or refund (04) of a successful consume named by origQryId: a transaction of its own
 * (own orderId), for at most what is left of the consume; a cancel must be for the whole amount.
 * The sandbox does not enforce "same day" for cancels.
 */
export function handleReversal(fields: AcpFields, ctx: GatewayContext): GatewayReply {
  if (!validOrder(fields, true) || !fields.origQryId) return answer(fields, '13');
  if (ctx.ledger.hasOrder(fields.merId, fields.orderId)) return answer(fields, '12');
  const original = ctx.ledger.findByQueryId(fields.origQryId);
  if (!original || original.merId !== fields.merId || original.txnType !== '01' || original.respCode !== '00')
    return answer(fields, '34');

  const amount = Number(fields.txnAmt);
  const left = original.amountFen - (original.reversedFen ?? 0);
  const wrongAmount = fields.txnType === '31' ? amount !== original.amountFen || left !== original.amountFen : amount > left;
  if (wrongAmount) return answer(fields, '33');

  const entry = ctx.ledger.record(
    {
      merId: fields.merId,
      orderId: fields.orderId,
      txnTime: fields.txnTime,
      txnType: fields.txnType,
      amountFen: amount,
      respCode: '00',
      origQryId: original.queryId,
      ...(original.maskedPan ? { maskedPan: original.maskedPan } : {}),
    },
    ctx.now(),
  );
  ctx.ledger.addReversed(original.queryId, amount);
  if (fields.backUrl) ctx.notify(entry, fields.backUrl);
  return answer(fields, '00', { queryId: entry.queryId, origQryId: original.queryId });
}
