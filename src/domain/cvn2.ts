/** CVN2: the three digits on the back of a UnionPay credit card. */
export function validCvn2(s: string): boolean {
  return /^\d{3}$/.test(s);
}
