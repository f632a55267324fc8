import { AcpError } from './acp-error';
import { encryptField, type FieldEncryption } from './field-encryption';

/**
 * `customerInfo`: base64 of `{k=v&k=v}` (docs/reference/unionpay-acp.md §8.2). Which sub-fields go in is set
 * per merchant by UnionPay; the builder sends exactly those given.
 */
export interface CustomerInfo {
  /** 01 = resident ID card. */
  certifTp?: string;
  certifId?: string;
  customerNm?: string;
  /** The bank-registered mobile. */
  phoneNo?: string;
  smsCode?: string;
  /** The PIN block, already encrypted (pin-encryption.ts). */
  pin?: string;
  cvn2?: string;
  /** YYMM, year first (cards print MMYY). */
  expired?: string;
}

/**
 * 'encrypted' (UnionPay's current rules, and what the test merchants require): phoneNo, cvn2 and
 * expired travel together as one RSA-encrypted `encryptedInfo` sub-field. 'plain': the old rules,
 * every sub-field in the clear inside the base64.
 */
export type CustomerInfoMode = 'encrypted' | 'plain';

const KEYS = ['certifTp', 'certifId', 'customerNm', 'phoneNo', 'smsCode', 'pin', 'cvn2', 'expired'] as const;
const ENCRYPTED_TOGETHER: readonly string[] = ['phoneNo', 'cvn2', 'expired'];

export function buildCustomerInfo(info: CustomerInfo, mode: CustomerInfoMode, encryption: FieldEncryption): string {
  const outer: Record<string, string> = {};
  const secret: Record<string, string> = {};
  for (const key of KEYS) {
    const value = info[key];
    if (value === undefined || value === '') continue;
    if (/[&{}]/.test(value)) throw new AcpError('acp_field_invalid', `customerInfo.${key} must not contain & or braces`);
    if (mode === 'encrypted' && ENCRYPTED_TOGETHER.includes(key)) secret[key] = value;
    else outer[key] = value;
  }
  if (Object.keys(secret).length > 0) outer.encryptedInfo = encryptField(Buffer.from(join(secret), 'utf8'), encryption);
  return Buffer.from(`{${join(outer)}}`, 'utf8').toString('base64');
}

/**
 * The acquirer side (sandbox): the sub-fields of a customerInfo value, with `encryptedInfo` replaced
 * by its contents when `decrypt` is given. `pin` stays encrypted. Throws AcpError when malformed.
 */
export function parseCustomerInfo(
  value: string,
  decrypt?: (base64: string) => Buffer,
): CustomerInfo & { encryptedInfo?: string } {
  const text = Buffer.from(value, 'base64').toString('utf8');
  if (!text.startsWith('{') || !text.endsWith('}')) throw new AcpError('acp_malformed', 'customerInfo is not base64 of {…}');
  const fields = parsePairs(text.slice(1, -1), [...KEYS, 'encryptedInfo']);
  if (fields.encryptedInfo === undefined || !decrypt) return fields;

  const plain = decrypt(fields.encryptedInfo);
  const inner = parsePairs(plain.toString('utf8'), ENCRYPTED_TOGETHER);
  plain.fill(0);
  const { encryptedInfo: _sealed, ...rest } = fields;
  for (const key of Object.keys(inner)) {
    if (key in rest) throw new AcpError('acp_malformed', `customerInfo.${key} is both clear and encrypted`);
  }
  return { ...rest, ...inner };
}

/** Card MMYY (as keyed) → ACP `expired` YYMM. */
export function mmyyToYymm(mmyy: string): string {
  if (!/^\d{4}$/.test(mmyy)) throw new AcpError('acp_field_invalid', 'expiry must be 4 digits MMYY');
  return `${mmyy.slice(2)}${mmyy.slice(0, 2)}`;
}

function join(fields: Record<string, string>): string {
  return Object.keys(fields)
    .sort()
    .map((key) => `${key}=${fields[key]}`)
    .join('&');
}

function parsePairs(text: string, allowed: readonly string[]): Record<string, string> {
  const fields: Record<string, string> = {};
  if (text === '') return fields;
  for (const pair of text.split('&')) {
    const eq = pair.indexOf('=');
    const key = pair.slice(0, eq);
    if (eq <= 0 || !allowed.includes(key))
      throw new AcpError('acp_malformed', 'customerInfo has an unknown or unnamed sub-field');
    if (key in fields) throw new AcpError('acp_malformed', `customerInfo.${key} appears twice`);
    fields[key] = pair.slice(eq + 1);
  }
  return fields;
}
