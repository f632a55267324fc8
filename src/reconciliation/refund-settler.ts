/**
 * What reconciliation needs of refunds: to settle one with the acquirer's final word, as a notification or a query
 * would (state, order totals, the merchant's refund.succeeded / refund.failed). The refunds feature implements it;
 * applying the same word twice must change nothing (a repeated run calls it again only for refunds still open).
 */
export interface RefundSettler {
  settle(refundId: string, word: { succeeded: boolean; acquirerRef?: string; responseCode?: string }): Promise<void>;
}
