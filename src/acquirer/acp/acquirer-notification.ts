import type { AcquirerNotification } from '../acquirer-port';
import { acpOrderIdOf } from './attempt-order-id';
import type { AcpNotification } from './parse-notification';
import { transactionResult } from './port-results';

/** A consume (txnType 01); cancels (31) and refunds (04) are not payments. */
const CONSUME = '01';

/** A verified ACP notification in the port's terms: the service matches and applies it without knowing ACP. */
export function acquirerNotificationOf(n: AcpNotification): AcquirerNotification {
  return {
    acquirerOrderId: n.orderId,
    txnTime: n.txnTime,
    isPayment: n.txnType === CONSUME,
    txnType: n.txnType,
    responseCode: n.respCode,
    acquirerRef: n.queryId,
    ...(n.amountFen !== undefined ? { amount: n.amountFen } : {}),
    // The acquirer's orderId is the attempt id without its separators (attempt-order-id.ts).
    names: (attemptId) => acpOrderIdOf(attemptId) === n.orderId,
    result: (cardKind) => transactionResult(n.respCode, n.queryId, cardKind),
  };
}
