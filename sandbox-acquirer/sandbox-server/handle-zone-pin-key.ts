import type { AcpFields } from '../../src/acquirer/acp/acp-fields';
import { keyCheckValue, unwrapZonePinKey } from '../../src/crypto/zone-pin-key';
import { answer, type GatewayContext, type GatewayReply } from './gateway-context';

/**
 * The ivrpay zone PIN key exchange (src/acquirer/acp/zone-pin-key-exchange.ts): unwraps the key
 * with the encryption key, checks the merchant's check value, and keeps it for that merchant's
 * TDEA PIN blocks. Answers with the check value it computed.
 */
export function handleZonePinKey(fields: AcpFields, ctx: GatewayContext): GatewayReply {
  if (!/^\d{15}$/.test(fields.merId ?? '') || !fields.zonePinKey || fields.encryptCertId !== ctx.keys.encryptionCertId)
    return answer(fields, '13');
  let zpk: Buffer;
  try {
    zpk = unwrapZonePinKey(fields.zonePinKey, ctx.keys.encryptionKey);
  } catch {
    return answer(fields, '13');
  }
  const kcv = keyCheckValue(zpk);
  if (kcv !== fields.checkValue) {
    zpk.fill(0);
    return answer(fields, '13');
  }
  ctx.zonePinKeys.get(fields.merId)?.fill(0);
  ctx.zonePinKeys.set(fields.merId, zpk);
  return answer(fields, '00', { checkValue: kcv });
}
