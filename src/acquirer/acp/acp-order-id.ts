import { AcpError } from './acp-error';

/** ACP orderId: 8–32 letters and digits, no `-` or `_`. */
export function isAcpOrderId(s: string): boolean {
  return /^[A-Za-z0-9]{8,32}$/.test(s);
}

/**
 * The acquirer-side order id of one payment attempt: our order id with everything but letters and
 * digits removed, then the attempt number as three digits (`ord_5f0c…`, 2 → `ord5f0c…002`). The
 * fixed-width suffix keeps (order, attempt) → orderId one-to-one for our ids (newId's prefix_hex),
 * and each attempt gets its own orderId so a new consume never collides with an earlier one (code 12).
 */
export function toAcpOrderId(orderId: string, attempt: number): string {
  if (!Number.isInteger(attempt) || attempt < 1 || attempt > 999) {
    throw new AcpError('acp_order_id_invalid', 'the attempt number must be 1 to 999');
  }
  const id = `${orderId.replace(/[^A-Za-z0-9]/g, '')}${String(attempt).padStart(3, '0')}`;
  if (!isAcpOrderId(id))
    throw new AcpError('acp_order_id_invalid', 'the order id does not fit ACP orderId (8–32 letters and digits)');
  return id;
}
