import type { CardKind } from '../domain/card-kind';

/** Card data lives only in memory for one request: never log, persist or echo any field of it. */
export interface CardData {
  pan: string;
  kind: CardKind;
  /** Credit only: as keyed, MMYY. The adapter converts to the acquirer's YYMM. */
  expiryMmyy?: string;
  cvn2?: string;
  /** Debit only. */
  pin?: string;
}

export interface HolderData {
  idNumber?: string;
  mobile?: string;
  smsCode?: string;
}

export interface PaymentRequest {
  orderId: string;
  /**
   * Unique per payment attempt, letters, digits, `_` and `-` (ours: `att_<hex>-<n>`). The ACP
   * adapter derives the acquirer's orderId from it (acpOrderIdOf), so the same attempt always names
   * the same acquirer transaction.
   */
  attemptId: string;
  /** Integer fen. */
  amount: number;
  currency: 'CNY';
  /**
   * YYYYMMDDhhmmss, Beijing time (formatTxnTime). The caller persists (orderId, attemptId, txnTime,
   * amount) BEFORE calling pay (or requestSmsCode): after a timeout or a crash that record is all
   * there is to query the attempt by.
   */
  txnTime: string;
  card: CardData;
  holder: HolderData;
}

/** Why a payment did not go through; each maps to a caller prompt `reason-<code>` and a merchant reason. */
export type DeclineReason =
  | 'insufficient_funds'
  | 'wrong_pin'
  | 'too_many_pin_tries'
  | 'wrong_cvn2_or_expiry'
  | 'id_mobile_mismatch'
  | 'not_enabled_cnp'
  | 'card_expired'
  | 'card_not_supported'
  /** The SMS code (OTP) keyed did not match the one sent (ACP 71). */
  | 'sms_code_wrong'
  | 'declined';

/** A final answer: what the call script announces. */
export type PaymentResult =
  | { outcome: 'approved'; acquirerRef: string; responseCode: string }
  | { outcome: 'declined'; reason: DeclineReason; responseCode: string }
  /** Nothing was charged: the acquirer was not reached or refused the message itself. The order stays payable. */
  | { outcome: 'unavailable'; responseCode?: string };

/**
 * The consume may have been, or was, accepted, but its result is not known yet: a synchronous 00
 * ("accepted", not "paid"), 03/04/05 or 12 (duplicate), an answer that failed verification, or no
 * answer after the request went out. Resolve it with `query` (queryUntilSettled), NEVER by a
 * second pay: that could charge the card twice.
 */
export interface PendingPayment {
  outcome: 'pending';
  /** The acquirer's serial (ACP queryId) when the answer carried one. */
  acquirerRef?: string;
  /** Absent when no (trusted) answer came. */
  responseCode?: string;
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

export interface AcquirerPort {
  /**
   * Sends one consume. Never retried by an adapter; the caller never calls it twice for one attempt.
   * Approved, declined and unavailable are final; pending is resolved by `query`.
   */
  pay(request: PaymentRequest): Promise<PaymentResult | PendingPayment>;
  /** One query of the attempt's state; never throws for transport failures (that is `pending`). */
  query(ref: AttemptRef): Promise<QueryResult>;
  /**
   * Whether the acquirer's field set for this card wants an SMS code (OTP). When true, collect the
   * card, holder ID and mobile, persist txnTime, call requestSmsCode with the very request that pay
   * will get (same attemptId, txnTime, amount), then have the caller key the 6-digit code into
   * `holder.smsCode`. Absent: never.
   */
  smsCodeRequired?(card: Pick<CardData, 'pan' | 'kind'>): boolean;
  /** Has the acquirer send the code to the card's bank-registered mobile (`holder.mobile` required). */
  requestSmsCode?(request: PaymentRequest): Promise<SmsCodeResult>;
}
