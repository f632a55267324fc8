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
