/** UnionPay debit PINs are always six digits. */
export function validPin(s: string): boolean {
  return /^\d{6}$/.test(s);
}
