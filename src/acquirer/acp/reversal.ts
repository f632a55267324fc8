import type { Logger } from 'pino';
import type { ReversalAnswer, ReversalQueryResult } from '../acquirer-port';
import type { AcpClient } from './acp-client';
import { acpOrderIdOf } from './attempt-order-id';
import { buildCancel, buildRefund, buildQuery, type AcpMerchant } from './messages';
import { queryAnswerOutcome } from './response-codes';

/** A cancel or refund is a transaction of its own, with its own attempt id and txnTime (persisted first, as for a consume). */
export interface ReversalInput {
  attemptId: string;
  txnTime: string;
  amountFen: number;
  /** The consume's queryId (its acquirerRef). */
  origQryId: string;
}

/** The same, by the acquirer orderId itself. */
export interface ReversalOrder {
  orderId: string;
  txnTime: string;
  amountFen: number;
  origQryId: string;
}

export type ReversalResult = ReversalAnswer;

const UNKNOWN = new Set(['03', '04', '05', '12']);
/** 39: outside the acceptance hours; for a cancel, the day's cut-off has passed and only a refund (04) is taken. */
const AFTER_CUT_OFF = '39';

/**
 * - 'accepted': 00, which like a consume's 00 means accepted; the notification or a query (by
 *   orderId and txnTime) confirms it;
 * - 'rejected': refused, nothing reversed;
 * - 'unknown': no trusted answer (or 12: only a query can say what that order did); query before anything else;
 * - 'unavailable': the acquirer was not reached, nothing was sent.
 */
export async function sendReversalOrder(
  client: AcpClient,
  url: string,
  merchant: AcpMerchant,
  txnType: '31' | '04',
  ref: ReversalOrder,
  log: Logger,
): Promise<ReversalResult> {
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
  if (txnType === '31' && respCode === AFTER_CUT_OFF) return { outcome: 'rejected', responseCode: respCode, afterCutOff: true };
  return { outcome: 'rejected', responseCode: respCode };
}

export function sendReversal(
  client: AcpClient,
  url: string,
  merchant: AcpMerchant,
  txnType: '31' | '04',
  input: ReversalInput,
  log: Logger,
): Promise<ReversalResult> {
  const { attemptId, ...rest } = input;
  return sendReversalOrder(client, url, merchant, txnType, { ...rest, orderId: acpOrderIdOf(attemptId) }, log);
}

/** Query (00) of a reversal: respCode says whether the query worked, origRespCode the reversal's state. */
export async function queryReversalOrder(
  client: AcpClient,
  url: string,
  merchant: AcpMerchant,
  ref: { orderId: string; txnTime: string },
  log: Logger,
): Promise<ReversalQueryResult> {
  const sent = await client.exchange(url, buildQuery(merchant, ref));
  if (sent.kind !== 'answer') {
    log.warn({ acpOrderId: ref.orderId, outcome: sent.kind }, 'reversal query: no trusted answer');
    return { outcome: 'pending' };
  }
  const { respCode, origRespCode, queryId } = sent.fields;
  // The card kind only matters for decline reasons, which a reversal does not have.
  const outcome = queryAnswerOutcome(respCode, origRespCode, 'credit');
  log.info({ acpOrderId: ref.orderId, respCode, origRespCode, outcome: outcome.state }, 'reversal query answered');
  if (outcome.state === 'not_found') return { outcome: 'not_found' };
  if (outcome.state === 'pending') return { outcome: 'pending' };
  if (outcome.state === 'success')
    return { outcome: 'succeeded', responseCode: outcome.code, ...(queryId ? { acquirerRef: queryId } : {}) };
  return { outcome: 'failed', responseCode: outcome.code };
}
