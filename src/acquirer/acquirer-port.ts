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
  attemptId: string;
  /** Integer fen. */
  amount: number;
  currency: 'CNY';
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
  | 'declined';

export type PaymentResult =
  | { outcome: 'approved'; acquirerRef: string; responseCode: string }
  | { outcome: 'declined'; reason: DeclineReason; responseCode: string }
  /** The acquirer could not be reached or did not answer in time: the order stays payable. */
  | { outcome: 'unavailable'; responseCode?: string };

export interface AcquirerPort {
  pay(request: PaymentRequest): Promise<PaymentResult>;
}
