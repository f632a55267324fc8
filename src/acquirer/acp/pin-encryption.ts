import { buildPinBlock } from '../../crypto/pin-block';
import { tdesEncryptEcb } from '../../crypto/triple-des';
import { encryptField, type FieldEncryption } from './field-encryption';

/**
 * How the ISO 9564 format-0 PIN block leaves us, the `pin` sub-field of customerInfo:
 * - 'rsa': RSA under the acquirer's encryption certificate, as UnionPay's SDK (encryptPin) does;
 * - 'tdea': 3-key TDEA-ECB under a zone PIN key exchanged beforehand (src/crypto/zone-pin-key.ts),
 *   for acquirers that take TDEA.
 * Either way the result is base64 and the clear block exists only inside this function.
 */
export type PinProtection = { kind: 'rsa' } | { kind: 'tdea'; zonePinKey: Buffer };

export function encryptPin(pan: Buffer, pin: Buffer, protection: PinProtection, encryption: FieldEncryption): string {
  const block = buildPinBlock(pan, pin);
  if (protection.kind === 'rsa') return encryptField(block, encryption);
  try {
    return tdesEncryptEcb(protection.zonePinKey, block).toString('base64');
  } finally {
    block.fill(0);
  }
}
