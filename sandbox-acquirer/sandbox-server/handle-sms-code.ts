import type { AcpFields } from '../../src/acquirer/acp/acp-fields';
import { decideSmsRequest } from '../sandbox-decision';
import { answer, smsKey, type GatewayContext, type GatewayReply } from './gateway-context';
import { readCard } from './read-card';
import { validOrder } from './valid-order';

/**
 * Send SMS code (77): the test environment sends no SMS, the code is always 111111 (docs/reference/unionpay-acp.md §8.2). It
 * is good only for a consume with the same orderId, txnTime and txnAmt.
 */
export function handleSmsCode(fields: AcpFields, ctx: GatewayContext): GatewayReply {
  if (!validOrder(fields, true) || !fields.accNo) return answer(fields, '13');
  let read: ReturnType<typeof readCard>;
  try {
    read = readCard(fields, ctx.keys, undefined);
  } catch {
    return answer(fields, '13');
  }
  read.wipe();
  const code = decideSmsRequest(read.card.pan, read.card.mobile);
  if (code === '00') ctx.smsSent.add(smsKey(fields));
  return answer(fields, code);
}
