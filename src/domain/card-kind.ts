export type CardKind = 'credit' | 'debit';
