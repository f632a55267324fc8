import { generateZonePinKey, keyCheckValue, wrapZonePinKey } from '../../crypto/zone-pin-key';
import type { AcpClient } from './acp-client';
import { ACP_ENCODING, ACP_SIGN_METHOD_RSA, ACP_VERSION, type AcpFields } from './acp-fields';
import type { FieldEncryption } from './field-encryption';
import { formatTxnTime } from './txn-time';

/**
 * An ivrpay extension, not an ACP transaction: for an acquirer that takes PIN blocks under TDEA,
 * a fresh zone PIN key is sent to it wrapped under its encryption certificate (RSA), in a signed
 * message; it answers, signed, with the key check value it computed, which must equal ours. The
 * bundled sandbox serves it at /gateway/api/zonePinKey.do.
 */
export function buildZonePinKeyExchange(
  merId: string,
  wrappedKey: string,
  checkValue: string,
  encryptCertId: string,
  txnTime: string,
): AcpFields {
  return {
    version: ACP_VERSION,
    encoding: ACP_ENCODING,
    signMethod: ACP_SIGN_METHOD_RSA,
    bizType: '000000',
    merId,
    txnTime,
    encryptCertId,
    zonePinKey: wrappedKey,
    checkValue,
  };
}

/** Makes, sends and confirms a new zone PIN key; throws (naming no key material) when the acquirer does not confirm it. */
export async function exchangeZonePinKey(
  client: AcpClient,
  url: string,
  merId: string,
  encryption: FieldEncryption,
  now: Date,
): Promise<Buffer> {
  const zpk = generateZonePinKey();
  try {
    const kcv = keyCheckValue(zpk);
    const fields = buildZonePinKeyExchange(
      merId,
      wrapZonePinKey(zpk, encryption.publicKey, encryption.padding),
      kcv,
      encryption.certId,
      formatTxnTime(now),
    );
    const sent = await client.exchange(url, fields);
    if (sent.kind !== 'answer')
      throw new Error(`zone PIN key exchange failed (${sent.kind === 'untrusted' ? sent.why : sent.error})`);
    if (sent.fields.respCode !== '00' || sent.fields.checkValue !== kcv) {
      throw new Error(`zone PIN key not confirmed by the acquirer (respCode ${sent.fields.respCode})`);
    }
    return zpk;
  } catch (err) {
    zpk.fill(0);
    throw err;
  }
}
