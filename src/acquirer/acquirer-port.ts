import type { CardData } from '../call/card-data';
import type { DeclineReason } from '../call/decline-reason';
import type { HolderData } from '../call/holder-data';
import type { PaymentResult } from '../call/payment-result';
import type { PendingPayment } from '../call/pending-payment';
import type { CardKind } from '../domain/card-kind';

export interface PaymentRequest {
  orderId: string;
  /**
   * Unique per payment attempt, letters, digits, `_` and `-` (ours: `att_<hex>-<n>`). An adapter
   * derives the acquirer's own name for the transaction from it, so the same attempt always names
   * the same acquirer transaction.
   */
  attemptId: string;
  /** Integer fen. */
  amount: number;
  currency: 'CNY';
  /**
   * The acquirer's transaction time, as `txnTimeOf` stamps it. The caller persists (orderId,
   * attemptId, txnTime, amount) BEFORE calling pay (or requestSmsCode): after a timeout or a crash
   * that record is all there is to query the attempt by.
   */
  txnTime: string;
  card: CardData;
  holder: HolderData;
}

/** Names an attempt at the acquirer; everything here is what the caller persisted before pay. */
export interface AttemptRef {
  orderId: string;
  attemptId: string;
  txnTime: string;
  /** Lets an issuer code that depends on the card (ACP 65: PIN or CVN2/expiry) give the right reason. */
  cardKind?: CardKind;
}

/**
 * What a query says: final (approved or declined), still pending (keep to the schedule, then the
 * reconciliation file decides), or not_found: the acquirer never received the consume, so nothing
 * was charged and the order may be paid again with a new attempt.
 */
export type QueryResult = PaymentResult | { outcome: 'pending' } | { outcome: 'not_found' };

export type SmsCodeResult = { ok: true } | { ok: false; reason: DeclineReason | 'unavailable' };

/**
 * The acquirer's asynchronous word on one of its transactions (a notification POSTed to our
 * backUrl), verified by the adapter. Its fields are safe to log and record: no card data.
 */
export interface AcquirerNotification {
  /** The acquirer's own name for the transaction (derived from our attempt id). */
  acquirerOrderId: string;
  /** The transaction time the attempt was sent with (as `txnTimeOf` stamped it). */
  txnTime: string;
  /** The word on a payment; a cancel's or a refund's is not one to settle an attempt with. */
  isPayment: boolean;
  /** The acquirer's code for the transaction type, recorded as is. */
  txnType: string;
  /** The transaction's own response code, recorded as is. */
  responseCode: string;
  /** The acquirer's serial; the same transaction always has the same one, so it is the dedupe key. */
  acquirerRef: string;
  /** Integer fen, when the notification carries it. */
  amount?: number;
  /** Whether this is the word on the attempt with this id. */
  names(attemptId: string): boolean;
  /**
   * The transaction's result: final (approved or declined) or pending. As with a query, the card
   * kind tells a wrong PIN from a wrong CVN2 or expiry; without it such a code is a plain decline.
   */
  result(cardKind: CardKind | undefined): QueryResult;
}

/**
 * A notification body the adapter checked (ACP: chain, signature, merchant, age), or why it was
 * rejected: a stable code, safe to log (the body is not).
 */
export type NotificationVerdict = { ok: true; notification: AcquirerNotification } | { ok: false; reason: string };

/**
 * A same-day cancel (the whole amount, before the acquirer's daily cut-off) or a refund of an approved payment.
 * Like a consume, it is a transaction of its own: the caller persists (acquirerOrderId, txnTime, amount) BEFORE
 * calling reverse, sends it once, and queries it by that pair when the answer is not final.
 */
export interface ReversalRequest {
  kind: 'cancel' | 'refund';
  /** The acquirer's name for this reversal, as `reversalOrderIdOf` made it from our id. */
  acquirerOrderId: string;
  /** As `txnTimeOf` stamps it. */
  txnTime: string;
  /** Integer fen; a cancel's is the payment's whole amount. */
  amount: number;
  /** The payment's acquirerRef (its serial at the acquirer). */
  origAcquirerRef: string;
}

/** Names a reversal at the acquirer: what the caller persisted before `reverse`. */
export interface ReversalRef {
  acquirerOrderId: string;
  txnTime: string;
}

/**
 * The answer to a reversal. accepted: taken, to be confirmed by query or notification (as a consume's
 * accepted answer); rejected: refused, nothing reversed (`afterCutOff`: a cancel the acquirer no longer takes
 * today, so a refund is needed); unknown: no trusted answer, query it; unavailable: not sent at all.
 */
export type ReversalAnswer =
  | { outcome: 'accepted'; acquirerRef?: string; responseCode: string }
  | { outcome: 'rejected'; responseCode: string; afterCutOff?: boolean }
  | { outcome: 'unknown'; responseCode?: string }
  | { outcome: 'unavailable' };

/** What a query says of a reversal; not_found: the acquirer never received it, so nothing was reversed. */
export type ReversalQueryResult =
  | { outcome: 'succeeded'; acquirerRef?: string; responseCode: string }
  | { outcome: 'failed'; responseCode: string }
  | { outcome: 'pending' }
  | { outcome: 'not_found' };

export interface AcquirerPort {
  /**
   * Sends one consume. Never retried by an adapter; the caller never calls it twice for one attempt.
   * Approved, declined and unavailable are final; pending is resolved by `query`.
   */
  pay(request: PaymentRequest): Promise<PaymentResult | PendingPayment>;
  /** One query of the attempt's state; never throws for transport failures (that is `pending`). */
  query(ref: AttemptRef): Promise<QueryResult>;
  /**
   * The transaction time of an attempt recorded at `instant`, in the acquirer's own format (ACP:
   * Beijing YYYYMMDDhhmmss). It names the attempt at the acquirer together with its id.
   */
  txnTimeOf(instant: Date): string;
  /**
   * Checks a notification body as POSTed to our backUrl. Nothing is read from a body before it
   * verifies; a verified notification seen before is still `ok` (applying it must be idempotent).
   */
  parseNotification(body: string): NotificationVerdict;
  /** The acquirer's name for the reversal with our id `reversalId` (one-to-one; persisted before `reverse`). */
  reversalOrderIdOf(reversalId: string): string;
  /** Sends one cancel or refund. Never retried by an adapter; the caller never sends one reversal twice. */
  reverse(request: ReversalRequest): Promise<ReversalAnswer>;
  /** One query of a reversal's state; never throws for transport failures (that is `pending`). */
  queryReversal(ref: ReversalRef): Promise<ReversalQueryResult>;
  /**
   * Whether the acquirer's field set for this card wants an SMS code (OTP). When true, collect the
   * card, holder ID and mobile, persist txnTime, call requestSmsCode with the very request that pay
   * will get (same attemptId, txnTime, amount), then have the caller key the 6-digit code into
   * `holder.smsCode`. Absent: never.
   */
  smsCodeRequired?(card: Pick<CardData, 'pan' | 'kind'>): boolean;
  /** Has the acquirer send the code to the card's bank-registered mobile (`holder.mobile` required). */
  requestSmsCode?(request: PaymentRequest): Promise<SmsCodeResult>;
  /**
   * The transaction-detail file of a settlement date (YYYYMMDD, Beijing) as the acquirer publishes it (ACP: file
   * transfer, txnType 76; the 流水 file INN<yymmdd>88ZM_<merId> out of its zip), or undefined when it has none
   * (yet). Its name, and its bytes as they are. Absent: the adapter cannot fetch files; an operator drops them.
   */
  reconciliationFile?(settleDate: string): Promise<{ name: string; content: Buffer } | undefined>;
}
