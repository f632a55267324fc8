import type { AcpFields } from '../../src/acquirer/acp/acp-fields';
import { maskPan } from '../../src/domain/mask';
import { decideConsume } from '../sandbox-decision';
import { answer, smsKey, type GatewayContext, type GatewayReply } from './gateway-context';
import { readCard } from './read-card';
import { validOrder } from './valid-order';

/** Consume (01): decided by test card; a second consume for one orderId is 12 and changes nothing. */
export function handleConsume(fields: AcpFields, ctx: GatewayContext): GatewayReply {
  if (!validOrder(fields, true) || !fields.accNo) return answer(fields, '13');
  ctx.consumes.set(fields.orderId, (ctx.consumes.get(fields.orderId) ?? 0) + 1);
  if (ctx.ledger.hasOrder(fields.merId, fields.orderId)) return answer(fields, '12');
  if (fields.encryptCertId !== ctx.keys.encryptionCertId) return answer(fields, '13');

  let read: ReturnType<typeof readCard>;
  try {
    read = readCard(fields, ctx.keys, ctx.zonePinKeys.get(fields.merId));
  } catch {
    return answer(fields, '13');
  }
  const now = ctx.now();
  const verdict = (() => {
    try {
      return decideConsume({ ...read.card, smsCodeSent: ctx.smsSent.has(smsKey(fields)) }, ctx.pinTries, now, ctx.policy);
    } finally {
      read.wipe();
    }
  })();
  if (verdict.kind === 'unavailable') return { kind: 'refuse' };
  if (verdict.kind === 'duplicate') return answer(fields, '12');

  const entry = ctx.ledger.record(
    {
      merId: fields.merId,
      orderId: fields.orderId,
      txnTime: fields.txnTime,
      txnType: '01',
      amountFen: Number(fields.txnAmt),
      respCode: verdict.code,
      maskedPan: maskPan(read.card.pan),
      ...(fields.reqReserved ? { reqReserved: fields.reqReserved } : {}),
      ...(verdict.lost ? { queriesSay: verdict.answerCode } : {}),
    },
    now,
  );
  if (verdict.code === '00' && fields.backUrl && !verdict.lost) ctx.notify(entry, fields.backUrl);
  const reply = answer(fields, verdict.answerCode, { queryId: entry.queryId });
  return verdict.slow && reply.kind === 'answer' ? { ...reply, delayMs: ctx.slowAnswerMs } : reply;
}
