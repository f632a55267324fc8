/** An independent Luhn check digit (test oracle): the digit that makes the doubled sum a multiple of 10. */
export function luhnCheckDigit(payload: string): string {
  let sum = 0;
  [...payload].reverse().forEach((ch, i) => {
    const d = Number(ch) * (i % 2 === 0 ? 2 : 1);
    sum += Math.floor(d / 10) + (d % 10);
  });
  return String((10 - (sum % 10)) % 10);
}
