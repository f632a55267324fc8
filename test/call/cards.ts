/** Keyed answers shared by the call-script tests: the sandbox cards, and numbers no sandbox card has. */
export { CREDIT, DEBIT, INSUFFICIENT_FUNDS, UNAVAILABLE } from '../helpers/test-cards';
/** Sandbox-only BIN shared by a credit and a debit range: the caller is asked which. */
export const AMBIGUOUS = '6214839900000001';
/** China Guangfa Bank credit: "coming soon" by default. */
export const GUANGFA = '6225551000000000';
/** In a UnionPay range, but no bank in the BIN table issues it. */
export const NO_BANK = '6299999999999999';
/** A valid ID number whose check character is X, keyed with `*`. */
export const ID_WITH_X = '34112619770921105X';
