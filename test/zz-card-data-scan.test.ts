import { expect } from 'chai';
import fs from 'node:fs';
import path from 'node:path';
import { TEST_CARDS, TEST_EXPIRY_MMYY, TEST_PIN } from '../sandbox-acquirer/test-cards';

/**
 * Runs last (mocha `sort`, hence the zz): reads everything the suite and the sandbox Asterisk wrote
 * under data/ — log files, SQLite databases with their -wal (merchant notification payloads included),
 * the sandbox acquirer's traffic logs (requests, answers and its notifications), reconciliation files, reports and
 * settlement statements (the end-to-end day writes them there), Asterisk's logs and astdb — and fails on
 * any test card number, PIN or expiry found. A 3-digit CVN2 is too short to search for as such, so
 * sensitive keys in JSON log lines must carry the redaction marker instead of a value.
 */
const DATA_DIR = path.resolve(__dirname, '..', 'data');
const SKIP = new Set(['sandbox-secrets.json']);
/** Certificates and keys (the sandbox acquirer's test PKI): base64 can spell a 4-digit run such as the test expiry. */
const SKIP_EXTENSIONS = ['.pem'];

function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return filesUnder(full);
    return entry.isFile() && !SKIP.has(entry.name) && !SKIP_EXTENSIONS.some((ext) => entry.name.endsWith(ext)) ? [full] : [];
  });
}

/**
 * Our random ids (src/store/new-id.ts: a prefix and 20 hex digits; the acquirer's orderId is an attempt id
 * without separators, e.g. att5f0c…a1) are dropped before searching: hex can spell a bounded "1230" by
 * chance, and an id holds no card data by construction. A token with 12 digits in a row is never taken
 * for an id, so a card number cannot hide in one. No word boundaries: in SQLite pages one record's id
 * can run straight into the next one's prefix (`cba_…562fcb_18b4…`).
 */
const RANDOM_ID =
  /(?:att|cba|cb|evt|mch|ord|outbox|rfd|sms|stl)_?(?=[0-9a-f]{0,19}[a-f])(?![0-9a-f]{0,8}\d{12})[0-9a-f]{20}(?:-?\d{1,3})?/g;

const digitBounded = (value: string) => new RegExp(`(?<![0-9])${value}(?![0-9])`);
const NEEDLES: Array<{ what: string; pattern: RegExp }> = [
  ...TEST_CARDS.map((card) => ({ what: `card ${card.pan.slice(0, 6)}…`, pattern: new RegExp(card.pan) })),
  { what: 'test PIN', pattern: digitBounded(TEST_PIN) },
  { what: 'test expiry (MMYY)', pattern: digitBounded(TEST_EXPIRY_MMYY) },
  { what: 'test expiry (YYMM)', pattern: digitBounded(TEST_EXPIRY_MMYY.slice(2) + TEST_EXPIRY_MMYY.slice(0, 2)) },
  {
    what: 'unredacted sensitive key',
    pattern: /"(pan|cardNumber|cvn2|pin|pinBlock|expiry|expiryMmyy|digits)":"(?!\[redacted\])/,
  },
];

describe('card data scan (after the whole suite)', () => {
  it('when every file under data/ is read, then no card number, PIN, CVN2 or expiry appears', () => {
    const files = filesUnder(DATA_DIR);
    const hits: string[] = [];
    for (const file of files) {
      // latin1 keeps every byte, so binary SQLite pages are searched as they are on disk.
      const text = fs.readFileSync(file).toString('latin1').replace(RANDOM_ID, '<id>');
      for (const needle of NEEDLES) {
        if (needle.pattern.test(text)) hits.push(`${needle.what} in ${path.relative(DATA_DIR, file)}`);
      }
    }
    expect(files.length, 'the suite wrote nothing to scan').to.be.greaterThan(0);
    expect(hits).to.deep.equal([]);
  });
});
