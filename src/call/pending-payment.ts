/**
 * The consume may have been, or was, accepted, but its result is not known yet: a synchronous 00
 * ("accepted", not "paid"), 03/04/05 or 12 (duplicate), an answer that failed verification, or no
 * answer after the request went out. Resolve it with the acquirer's `query` (queryUntilSettled),
 * NEVER by a second pay: that could charge the card twice.
 */
export interface PendingPayment {
  outcome: 'pending';
  /** The acquirer's serial (ACP queryId) when the answer carried one. */
  acquirerRef?: string;
  /** Absent when no (trusted) answer came. */
  responseCode?: string;
}
