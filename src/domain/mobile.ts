/** Mainland China mobile number: 11 digits, 1 then 3–9 (no country code). */
export function validMobile(s: string): boolean {
  return /^1[3-9]\d{9}$/.test(s);
}
