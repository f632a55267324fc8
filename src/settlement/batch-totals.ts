import type { EntryKind } from '../store/settlement-rows';
import { ACCOUNTS } from './journal-accounts';

export interface BatchTotals {
  gross: number;
  refunds: number;
  transactionFees: number;
  communicationFees: number;
  annualFees: number;
  openingFees: number;
  /** gross − refunds − every fee; negative when refunds and fees exceed the day's payments. */
  net: number;
}

interface Line {
  kind: EntryKind;
  debit: string;
  credit: string;
  amount: number;
}

/** The totals of a batch, summed from its lines (so the lines always add up to them). */
export function batchTotals(lines: readonly Line[]): BatchTotals {
  const sum = (kind: EntryKind) => lines.filter((l) => l.kind === kind).reduce((total, l) => total + l.amount, 0);
  const payable = lines.reduce(
    (total, l) =>
      total + (l.credit === ACCOUNTS.merchantPayable ? l.amount : 0) - (l.debit === ACCOUNTS.merchantPayable ? l.amount : 0),
    0,
  );
  return {
    gross: sum('payment'),
    refunds: sum('refund'),
    transactionFees: sum('transaction_fee'),
    communicationFees: sum('communication_fee'),
    annualFees: sum('annual_fee'),
    openingFees: sum('opening_fee'),
    net: payable,
  };
}
