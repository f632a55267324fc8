import type { AcpFields } from '../../src/acquirer/acp/acp-fields';
import { decideReversal } from '../sandbox-reversal';
import { answer, type GatewayContext, type GatewayReply } from './gateway-context';
import { validOrder } from './valid-order';

/**
 * Cancel (31) or refund (04) of a successful consume named by origQryId: a transaction of its own (own
 * orderId), decided by sandbox-reversal.ts (amount left, the 23:00 cut-off for cancels, the scenario cards).
 */
export function handleReversal(fields: AcpFields, ctx: GatewayContext): GatewayReply {
  if (!validOrder(fields, true) || !fields.origQryId) return answer(fields, '13');
  const verdict = decideReversal(
    ctx.ledger,
    {
      merId: fields.merId,
      orderId: fields.orderId,
      txnTime: fields.txnTime,
      txnType: fields.txnType === '31' ? '31' : '04',
      amountFen: Number(fields.txnAmt),
      origQryId: fields.origQryId,
    },
    ctx.now(),
  );
  if (verdict.kind === 'answer') return answer(fields, verdict.code);
  if (verdict.entry.respCode === '00' && fields.backUrl) ctx.notify(verdict.entry, fields.backUrl);
  const reply = answer(fields, verdict.answerCode, { queryId: verdict.entry.queryId, origQryId: verdict.original.queryId });
  return verdict.slow && reply.kind === 'answer' ? { ...reply, delayMs: ctx.slowAnswerMs } : reply;
}
