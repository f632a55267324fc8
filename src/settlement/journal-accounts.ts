/**
 * The accounts of the settlement journal. Every entry debits one and credits another by the same amount, so the
 * journal balances entry by entry:
 * - a payment: debit `acquirer_clearing` (the acquirer owes us the money), credit `merchant_payable` (we owe the
 *   merchant);
 * - a refund or cancel: the reverse;
 * - a fee: debit `merchant_payable`, credit `fee_income`.
 * A batch's net payable is then what it credits `merchant_payable` less what it debits from it.
 */
export const ACCOUNTS = {
  acquirerClearing: 'acquirer_clearing',
  merchantPayable: 'merchant_payable',
  feeIncome: 'fee_income',
} as const;
