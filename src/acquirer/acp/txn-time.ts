import { AcpError } from './acp-error';

/**
 * `txnTime` is Beijing time, YYYYMMDDhhmmss. China has used a fixed UTC+8 with no daylight saving
 * since 1991, so an offset is exact and the machine's TZ never matters.
 */
const BEIJING_OFFSET_MS = 8 * 60 * 60 * 1000;

export function formatTxnTime(instant: Date): string {
  const b = new Date(instant.getTime() + BEIJING_OFFSET_MS);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${b.getUTCFullYear()}${two(b.getUTCMonth() + 1)}${two(b.getUTCDate())}${two(b.getUTCHours())}${two(b.getUTCMinutes())}${two(b.getUTCSeconds())}`;
}

/** The instant a txnTime names; throws AcpError for anything that is not a real Beijing time. */
export function parseTxnTime(txnTime: string): Date {
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(txnTime);
  if (!m) throw new AcpError('acp_field_invalid', 'txnTime must be YYYYMMDDhhmmss');
  const [year, month, day, hour, minute, second] = m.slice(1).map(Number);
  const instant = new Date(Date.UTC(year, month - 1, day, hour, minute, second) - BEIJING_OFFSET_MS);
  if (formatTxnTime(instant) !== txnTime) throw new AcpError('acp_field_invalid', 'txnTime is not a real date and time');
  return instant;
}
