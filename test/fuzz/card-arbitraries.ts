import fc from 'fast-check';
import { TEST_CARDS } from '../../sandbox-acquirer/test-cards';

/** The Luhn check digit that completes `body`. */
function luhnDigit(body: string): string {
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    let d = Number(body[body.length - 1 - i]);
    if (i % 2 === 0) d *= 2;
    sum += d > 9 ? d - 9 : d;
  }
  return String((10 - (sum % 10)) % 10);
}

/**
 * Card numbers a cardholder or an attacker could put anywhere: UnionPay-looking (62…, Luhn-valid, 16 to 19 digits)
 * and the sandbox's own test cards, which the suite-closing card-data scan also looks for.
 */
export const cardNumber: fc.Arbitrary<string> = fc.oneof(
  fc
    .tuple(fc.integer({ min: 13, max: 16 }), fc.stringMatching(/^\d{16}$/))
    .map(([len, digits]) => `62${digits.slice(0, len)}`)
    .map((body) => body + luhnDigit(body)),
  fc.constantFrom(...TEST_CARDS.map((c) => c.pan)),
);
