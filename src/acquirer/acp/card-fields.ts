import type { CardData } from '../../call/card-data';
import type { HolderData } from '../../call/holder-data';
import { AcpError } from './acp-error';
import { buildCustomerInfo, mmyyToYymm, type CustomerInfo, type CustomerInfoMode } from './customer-info';
import { encryptField, type FieldEncryption } from './field-encryption';
import { encryptPin, type PinProtection } from './pin-encryption';

/**
 * The card-bearing fields of consume and SMS requests: encryptCertId, accNo (always encrypted) and
 * customerInfo. Clear card data never leaves this file except inside RSA or TDEA ciphertext, or
 * within customerInfo in 'plain' mode (old rules, only if an acquirer demands it).
 */
export interface CardSecurity {
  encryption: FieldEncryption;
  pinProtection: PinProtection;
  customerInfoMode: CustomerInfoMode;
}

export type AcpHolder = HolderData & { name?: string };

export function cardFields(pan: string, info: CustomerInfo, security: CardSecurity): Record<string, string> {
  if (!/^\d{12,19}$/.test(pan)) throw new AcpError('acp_field_invalid', 'accNo must be 12 to 19 digits');
  const fields: Record<string, string> = {
    encryptCertId: security.encryption.certId,
    accNo: encryptField(Buffer.from(pan, 'ascii'), security.encryption),
  };
  if (Object.keys(info).length > 0) fields.customerInfo = buildCustomerInfo(info, security.customerInfoMode, security.encryption);
  return fields;
}

/** The customerInfo sub-fields a consume carries: whatever of the card and holder data was collected. */
export function consumeCustomerInfo(card: CardData, holder: AcpHolder, security: CardSecurity): CustomerInfo {
  const info: CustomerInfo = {};
  if (holder.idNumber) Object.assign(info, { certifTp: '01', certifId: holder.idNumber });
  if (holder.name) info.customerNm = holder.name;
  if (holder.mobile) info.phoneNo = holder.mobile;
  if (holder.smsCode) info.smsCode = holder.smsCode;
  if (card.pin) info.pin = encryptPinOf(card.pan, card.pin, security);
  if (card.cvn2) info.cvn2 = card.cvn2;
  if (card.expiryMmyy) info.expired = mmyyToYymm(card.expiryMmyy);
  return info;
}

function encryptPinOf(pan: string, pin: string, security: CardSecurity): string {
  const panBytes = Buffer.from(pan, 'ascii');
  const pinBytes = Buffer.from(pin, 'ascii');
  try {
    return encryptPin(panBytes, pinBytes, security.pinProtection, security.encryption);
  } finally {
    panBytes.fill(0);
    pinBytes.fill(0);
  }
}
