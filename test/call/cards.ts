/** Keyed answers shared by the call-script tests (sandbox cards, as a caller keys them). */
export const DEBIT = '6216261000000000018';
export const CREDIT = '6221558812340000';
export const INSUFFICIENT = '6222021000000000066';
export const UNAVAILABLE = '6216611000000000080';
/** Sandbox-only BIN shared by a credit and a debit range: the caller is asked which. */
export const AMBIGUOUS = '6214839900000001';
/** China Guangfa Bank credit: "coming soon" by default. */
export const GUANGFA = '6225551000000000';
/** In a UnionPay range, but no bank in the BIN table issues it. */
export const NO_BANK = '6299999999999999';
/** A valid ID number whose check character is X, keyed with `*`. */
export const ID_WITH_X = '34112619770921105X';
