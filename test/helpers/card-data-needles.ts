import { TEST_CARDS, TEST_EXPIRY_MMYY, TEST_PIN } from '../../sandbox-acquirer/test-cards';

/**
 * What the card-data scans look for in written files (the suite's closing scan, test/zz-card-data-scan.test.ts, and
 * the chaos runs' checker): every test card number, the test PIN and expiry (both ways round), and a sensitive
 * JSON key with a value that is not the redaction marker. A 3-digit CVN2 is too short to search for as such.
 */
export interface CardDataNeedle {
  what: string;
  pattern: RegExp;
}

/**
 * Our random ids (src/store/new-id.ts: a prefix and 20 hex digits; the acquirer's orderId is an attempt id
 * without separators, e.g. att5f0c…a1) are dropped before searching: hex can spell a bounded "1230" by
 * chance, and an id holds no card data by construction. A token with 12 digits in a row is never taken
 * for an id, so a card number cannot hide in one. No word boundaries: in SQLite pages one record's id
 * can run straight into the next one's prefix (`cba_…562fcb_18b4…`).
 */
export const RANDOM_ID =
  /(?:agt|att|cba|cb|evt|mch|ord|outbox|rfd|sms|stl)_?(?=[0-9a-f]{0,19}[a-f])(?![0-9a-f]{0,8}\d{12})[0-9a-f]{20}(?:-?\d{1,3})?/g;

/**
 * Lease tokens (src/store/lease.ts newLeaseToken: 24 hex digits, no prefix), dropped for the same reason: in a row
 * one follows a timestamp's Z, so a token starting "3012…" read as the test expiry in PostgreSQL's WAL (which keeps
 * every version of every leased row). No bound after it: the next byte may be hex too. Same guard as for ids.
 */
export const LEASE_TOKEN = /(?<![0-9a-f])(?=[0-9a-f]{0,23}[a-f])(?![0-9a-f]{0,12}\d{12})[0-9a-f]{24}/g;

const digitBounded = (value: string) => new RegExp(`(?<![0-9])${value}(?![0-9])`);

export const CARD_DATA_NEEDLES: readonly CardDataNeedle[] = [
  ...TEST_CARDS.map((card) => ({ what: `card ${card.pan.slice(0, 6)}…`, pattern: new RegExp(card.pan) })),
  { what: 'test PIN', pattern: digitBounded(TEST_PIN) },
  { what: 'test expiry (MMYY)', pattern: digitBounded(TEST_EXPIRY_MMYY) },
  { what: 'test expiry (YYMM)', pattern: digitBounded(TEST_EXPIRY_MMYY.slice(2) + TEST_EXPIRY_MMYY.slice(0, 2)) },
  {
    what: 'unredacted sensitive key',
    pattern: /"(pan|cardNumber|cvn2|pin|pinBlock|expiry|expiryMmyy|digits)":"(?!\[redacted\])/,
  },
];

/** The needles found in `text` (read as latin1 when it is a file, so binary SQLite pages are searched as on disk). */
export function cardDataIn(text: string): string[] {
  const searched = text.replace(RANDOM_ID, '<id>').replace(LEASE_TOKEN, '<token>');
  return CARD_DATA_NEEDLES.filter((needle) => needle.pattern.test(searched)).map((needle) => needle.what);
}
