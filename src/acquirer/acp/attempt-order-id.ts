import { AcpError } from './acp-error';
import { isAcpOrderId } from './acp-order-id';

/**
 * The acquirer's orderId for one payment attempt: the attempt id with everything but letters and
 * digits removed (`att_5f0c…-2` → `att5f0c…2`). Our attempt ids are `<prefix>_<20 hex>-<n>`, so the
 * fixed-width hex keeps this one-to-one; the same attempt always names the same acquirer order,
 * which is what lets a query find it after a timeout or a crash.
 */
export function acpOrderIdOf(attemptId: string): string {
  const id = attemptId.replace(/[^A-Za-z0-9]/g, '');
  if (!isAcpOrderId(id))
    throw new AcpError('acp_order_id_invalid', 'the attempt id does not make an ACP orderId (8–32 letters and digits)');
  return id;
}

/** reqReserved echoes our attempt id in answers, notifications and the reconciliation file, when it fits. */
export function reqReservedOf(attemptId: string): string | undefined {
  return /^[A-Za-z0-9_-]{1,256}$/.test(attemptId) ? attemptId : undefined;
}
