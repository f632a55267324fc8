import type { Logger } from 'pino';
import type { AcpClient } from './acp-client';
import { acpOrderIdOf } from './attempt-order-id';
import { buildCancel, buildRefund, type AcpMerchant } from './messages';

/** A cancel or refund is a transaction of its own, with its own attempt id and txnTime (persisted first, as for a consume). */
export interface ReversalInput {
  attemptId: string;
  txnTime: string;
  amountFen: number;
  /** The consume's queryId (its acquirerRef). */
  origQryId: string;
}

/**
 * - 'accepted': 00, which like a consume's 00 means accepted; the notification or a query (by
 *   attemptId and txnTime) confirms it;
 * - 'rejected': refused, nothing reversed;
 * - 'unknown': no trusted answer; query before trying again;
 * - 'unavailable': the acquirer was not reached, nothing was sent.
 */
export type ReversalResult =
  | { outcome: 'accepted'; acquirerRef?: string; responseCode: string }
  | { outcome: 'rejected'; responseCode: string }
  | { outcome: 'unknown'; responseCode?: string }
  | { outcome: 'unavailable' };

const UNKNOWN = new Set(['03', '04', '05', '12']);

export async function sendReversal(
  client: AcpClient,
  url: string,
  merchant: AcpMerchant,
  txnType: '31' | '04',
  input: ReversalInput,
  log: Logger,
): Promise<ReversalResult> {
  const ref = {
    orderId: acpOrderIdOf(input.attemptId),
    txnTime: input.txnTime,
    amountFen: input.amountFen,
    origQryId: input.origQryId,
  };
  const fields = txnType === '31' ? buildCancel(merchant, ref) : buildRefund(merchant, ref);
  const sent = await client.exchange(url, fields);
  if (sent.kind === 'not_sent') return { outcome: 'unavailable' };
  if (sent.kind !== 'answer') {
    log.warn({ acpOrderId: ref.orderId, txnType, outcome: sent.kind }, 'reversal: no trusted answer');
    return { outcome: 'unknown' };
  }
  const { respCode, queryId } = sent.fields;
  log.info({ acpOrderId: ref.orderId, txnType, respCode }, 'reversal answered');
  if (respCode === '00') return { outcome: 'accepted', responseCode: respCode, ...(queryId ? { acquirerRef: queryId } : {}) };
  if (UNKNOWN.has(respCode)) return { outcome: 'unknown', responseCode: respCode };
  return { outcome: 'rejected', responseCode: respCode };
}
