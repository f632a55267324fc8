import type { Logger } from 'pino';
import type { CardData } from './card-data';
import type { DeclineReason } from './decline-reason';
import type { HolderData } from './holder-data';
import type { PaymentResult } from './payment-result';
import type { PendingPayment } from './pending-payment';
import type { CardKind } from '../domain/card-kind';
import type { BankStatus } from '../domain/bank';
import type { Language } from '../domain/language';
import type { FieldObserver } from './field-observer';

/** What the call script needs from the rest of the system. Implemented in src/services, faked in tests. */

export interface CallOrder {
  id: string;
  merchantId: string;
  merchantName: string;
  /** Integer fen. */
  amount: number;
  currency: 'CNY';
  /** The holder fields the merchant's acquirer field set requires. */
  requires: { idNumber: boolean; mobile: boolean };
  /** The order's language, else its merchant's; absent when neither has one (the call keeps DEFAULT_LANGUAGE). */
  language?: Language;
  /** The merchant has callers key the card number twice. */
  confirmCard: boolean;
  /** The languages the merchant's recorded greeting (its name) exists in; empty when it has none. */
  greetingLanguages: Language[];
}

export type ClaimResult =
  { ok: true; order: CallOrder } | { ok: false; reason: 'unknown' | 'expired' | 'paid' | 'in_call' | 'not_payable' };

export interface OrdersForCall {
  /** Finds the payable order with this pay code and marks it `in_call` for this call, atomically. */
  claimByPayCode(payCode: string, callId: string): Promise<ClaimResult>;
  /** The same for a callback: the order the call was placed for, by id ('unknown' when there is none). */
  claimById(orderId: string, callId: string): Promise<ClaimResult>;
  /**
   * The language a callback greets in, before its order is claimed: as CallOrder.language (the order's, else its
   * merchant's), undefined when neither has one or there is no such order.
   */
  languageOf(orderId: string): Promise<Language | undefined>;
  /**
   * Ends this call's attempt: `abandoned` (hung up, timed out, out of tries) or `declined`. `paid` is set by payments.
   * `caller`: an inbound caller leaving the order unpaid, who may be sent an SMS reminder with its pay code.
   */
  releaseAfterCall(orderId: string, callId: string, outcome: 'abandoned' | 'declined', caller?: InboundCaller): Promise<void>;
}

/** Who called in, as the channel's caller ID says: may be empty, 'anonymous', a landline. Never logged in full. */
export interface InboundCaller {
  callerNumber: string;
}

/** What the BIN table and the bank statuses say about a card number. */
export interface CardInfo {
  bankCode: string;
  bankStatus: BankStatus;
  /** `ambiguous` when the BIN is shared by credit and debit ranges: the caller is asked. */
  kind: CardKind | 'ambiguous';
}

export interface CardLookup {
  /** Undefined when no bank in the table issues this number. */
  lookup(pan: string): Promise<CardInfo | undefined>;
}

/** One card's payment as the call script hands it over. Card data: in memory only, for this request. */
export interface PaymentInput {
  orderId: string;
  callId: string;
  card: CardData;
  bankCode: string;
  holder: HolderData;
}

/** An attempt recorded before an SMS code was requested for it; the consume must name the same attempt. */
export interface PreparedAttempt {
  attemptId: string;
}

export type SmsCodeRequest = { ok: true; attempt: PreparedAttempt } | { ok: false; reason: DeclineReason | 'unavailable' };

export interface PaymentsForCall {
  /**
   * Records the attempt (masked card only), sends it to the acquirer and applies the answer to the order.
   * Approved → the order is `paid`. Never retried here: a second call means a second charge.
   * `pending`: no final answer within the caller's wait; the payment may have gone through and is
   * resolved later (query, notification), so the order must not be offered for payment again now.
   * `attempt`: the one requestSmsCode prepared, when the card needed an SMS code.
   */
  pay(input: PaymentInput & { attempt?: PreparedAttempt }): Promise<PaymentResult | PendingPayment>;
  /** Whether the acquirer wants an SMS code (OTP) for this card. Absent: never. */
  smsCodeRequired?(card: Pick<CardData, 'pan' | 'kind'>): boolean;
  /**
   * Records the attempt and has the acquirer text the code to the holder's bank-registered mobile
   * (`holder.mobile` required). Then the caller keys it into `holder.smsCode` and `pay` gets the attempt.
   */
  requestSmsCode?(input: PaymentInput): Promise<SmsCodeRequest>;
}

export interface CallSettings {
  firstDigitTimeoutMs: number;
  interDigitTimeoutMs: number;
  /** The pause that ends a card number once 16 digits are keyed (IVR_CARD_PAUSE_MS). */
  completePauseMs: number;
  /** Tries per field before the call ends politely. */
  maxAttempts: number;
  /** Cards a caller may try after declines in one call. */
  maxCards: number;
  /** Whether the greeting offers the other language (LANGUAGE_SWITCH). */
  languageSwitch: boolean;
  /** How long the offer waits for its 9 once said (LANGUAGE_SWITCH_TIMEOUT_MS). */
  languageSwitchTimeoutMs: number;
}

export interface PaymentFlowDeps {
  orders: OrdersForCall;
  cards: CardLookup;
  payments: PaymentsForCall;
  settings: CallSettings;
  now: () => Date;
  log: Logger;
  /** Told about each try of a keypad field (the service's metrics); absent: nobody listens. */
  fields?: FieldObserver;
}
