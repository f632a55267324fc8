import { parseCustomerInfo } from '../../src/acquirer/acp/customer-info';
import type { AcpFields } from '../../src/acquirer/acp/acp-fields';
import { AcpError } from '../../src/acquirer/acp/acp-error';
import { pinBlockMatches } from '../../src/crypto/pin-block';
import { rsaDecryptOaep } from '../../src/crypto/rsa';
import { tdesDecryptEcb } from '../../src/crypto/triple-des';
import type { PresentedCard } from '../sandbox-decision';
import type { SandboxKeys } from './sandbox-keys';

export type ReadCard = Omit<PresentedCard, 'smsCodeSent'>;

/**
 * Decrypts what a consume or SMS request carries (accNo, customerInfo with encryptedInfo, the PIN
 * block) with the sandbox's encryption key. RSA-OAEP only: Node cannot undo PKCS#1 v1.5 (see
 * src/crypto/rsa.ts). A PIN block of 8 bytes came under the zone PIN key (TDEA mode). The clear
 * block is kept only until `wipe`, and only compared, never decoded.
 * Throws AcpError (naming no values) when anything does not decrypt or parse.
 */
export function readCard(fields: AcpFields, keys: SandboxKeys, zonePinKey: Buffer | undefined): { card: ReadCard; wipe(): void } {
  const decrypt = (base64: string): Buffer => {
    try {
      return rsaDecryptOaep(Buffer.from(base64, 'base64'), keys.encryptionKey);
    } catch {
      throw new AcpError('acp_malformed', 'a field does not decrypt with the sandbox key (it takes RSA-OAEP only)');
    }
  };
  if (!fields.accNo) throw new AcpError('acp_malformed', 'accNo missing');
  const pan = decrypt(fields.accNo).toString('ascii');
  if (!/^\d{12,19}$/.test(pan)) throw new AcpError('acp_malformed', 'accNo is not a card number');
  const info = fields.customerInfo ? parseCustomerInfo(fields.customerInfo, decrypt) : {};

  let block: Buffer | undefined;
  if (info.pin !== undefined) {
    const sealed = Buffer.from(info.pin, 'base64');
    if (sealed.length === 8) {
      if (!zonePinKey) throw new AcpError('acp_malformed', 'a TDEA PIN block came but no zone PIN key was exchanged');
      block = tdesDecryptEcb(zonePinKey, sealed);
    } else {
      block = decrypt(info.pin);
    }
  }
  const pinBlock = block;
  const expired = info.expired;
  return {
    card: {
      pan,
      kind: pinBlock ? 'debit' : 'credit',
      pinIs: pinBlock
        ? (expected) => pinBlockMatches(pinBlock, Buffer.from(pan, 'ascii'), Buffer.from(expected, 'ascii'))
        : undefined,
      cvn2: info.cvn2,
      // ACP sends YYMM; the cards and the decision speak MMYY.
      expiryMmyy: expired && /^\d{4}$/.test(expired) ? `${expired.slice(2)}${expired.slice(0, 2)}` : expired,
      idNumber: info.certifId,
      mobile: info.phoneNo,
      smsCode: info.smsCode,
    },
    wipe: () => pinBlock?.fill(0),
  };
}
