import type { CardKind } from '../../domain/card-kind';
import type { DeclineReason } from '../../call/decline-reason';
import type { PaymentResult } from '../../call/payment-result';
import type { PendingPayment } from '../../call/pending-payment';
import type { QueryResult } from '../acquirer-port';
import { consumeAnswerOutcome, declineReason, queryAnswerOutcome, transactionOutcome } from './response-codes';

/**
 * ACP codes → the port's results. The card kind is known when paying but may not be when a
 * recovery job queries an old attempt; without it, 65 (wrong PIN, or wrong CVN2/expiry) is a
 * plain decline rather than a guess.
 */
export function reasonFor(code: string, kind: CardKind | undefined): DeclineReason {
  if (kind === undefined && code === '65') return 'declined';
  return declineReason(code, kind ?? 'credit');
}

/** A transaction's own code: a notification's respCode or a query's origRespCode. */
export function transactionResult(code: string, queryId: string | undefined, kind: CardKind | undefined): QueryResult {
  const outcome = transactionOutcome(code, kind ?? 'credit');
  if (outcome.state === 'pending') return { outcome: 'pending' };
  if (outcome.state === 'success') return { outcome: 'approved', acquirerRef: queryId ?? '', responseCode: code };
  return { outcome: 'declined', reason: reasonFor(code, kind), responseCode: code };
}

/** The answer to a query: respCode says whether the query worked, origRespCode the transaction's state. */
export function queryResult(
  respCode: string,
  origRespCode: string | undefined,
  queryId: string | undefined,
  kind: CardKind | undefined,
): QueryResult {
  const outcome = queryAnswerOutcome(respCode, origRespCode, kind ?? 'credit');
  if (outcome.state === 'not_found') return { outcome: 'not_found' };
  if (outcome.state === 'pending' || origRespCode === undefined) return { outcome: 'pending' };
  return transactionResult(origRespCode, queryId, kind);
}

/** Codes 10–29 but 12: the acquirer refused the message itself (format, signature, our configuration), so nothing was charged. */
export function messageRejected(code: string): boolean {
  return /^[12]\d$/.test(code) && code !== '12';
}

/**
 * The synchronous answer to a consume: 00 is only "accepted" and 03/04/05 unknown, so both are
 * pending; 12 (duplicate order) is pending too, since only a query can say what that order did.
 */
export function consumeAnswerResult(
  respCode: string,
  queryId: string | undefined,
  kind: CardKind,
): PaymentResult | PendingPayment {
  if (respCode === '12') return { outcome: 'pending', responseCode: respCode, ...(queryId ? { acquirerRef: queryId } : {}) };
  if (messageRejected(respCode)) return { outcome: 'unavailable', responseCode: respCode };
  const outcome = consumeAnswerOutcome(respCode, kind);
  if (outcome.state === 'failed') return { outcome: 'declined', reason: outcome.declineReason, responseCode: respCode };
  return { outcome: 'pending', responseCode: respCode, ...(queryId ? { acquirerRef: queryId } : {}) };
}
