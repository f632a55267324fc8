import { SHANGHAI_OFFSET_MS } from '../../domain/shanghai-date';
import { shanghaiTimestamp } from '../../domain/shanghai-timestamp';
import { AcpError } from './acp-error';

/**
 * `txnTime` is Beijing time, YYYYMMDDhhmmss. China has used a fixed UTC+8 with no daylight saving
 * since 1991, so an offset is exact and the machine's TZ never matters.
 */
export function formatTxnTime(instant: Date): string {
  return shanghaiTimestamp(instant);
}

/** The instant a txnTime names; throws AcpError for anything that is not a real Beijing time. */
export function parseTxnTime(txnTime: string): Date {
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(txnTime);
  if (!m) throw new AcpError('acp_field_invalid', 'txnTime must be YYYYMMDDhhmmss');
  const [year, month, day, hour, minute, second] = m.slice(1).map(Number);
  const instant = new Date(Date.UTC(year, month - 1, day, hour, minute, second) - SHANGHAI_OFFSET_MS);
  if (formatTxnTime(instant) !== txnTime) throw new AcpError('acp_field_invalid', 'txnTime is not a real date and time');
  return instant;
}
