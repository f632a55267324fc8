import { expect } from 'chai';
import fs from 'node:fs';
import path from 'node:path';
import { cardDataIn } from './helpers/card-data-needles';

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
/**
 * Mutation testing's reports and sandboxes (README, "Mutation testing"): copies and quotes of the test sources,
 * which hold the public sandbox test cards on purpose. The product never writes there.
 */
const SKIP_DIRS = new Set([path.join(DATA_DIR, 'mutation'), path.join(DATA_DIR, 'stryker-tmp')]);

/**
 * Asterisk's log lines carry the logging thread's id, `WARNING[2612]`: a 4-digit id can spell the test expiry. The
 * ids are numbers Linux gave the threads, never call data, so they are blanked before the scan: in the logs of every
 * sandbox Asterisk (DATA_DIR/asterisk/log; npm run cluster's second one and the e2e tests' own are in folders below).
 */
function withoutThreadIds(file: string, text: string): string {
  if (!file.split(path.sep).join('/').includes('/asterisk/log/')) return text;
  return text.replace(/^(\[[^\]\n]*\] [A-Z_]+)\[\d+\]/gm, '$1[tid]');
}

/**
 * The PostgreSQL sandbox's cluster (scripts/postgres-sandbox, under data/ on a developer's machine) is scanned with
 * the tables the tests wrote, except the system catalogs of each database and the WAL: initdb writes the catalogs
 * (their file names, the relations' ids, are below 16384, FirstNormalObjectId), never ivrpay, and their binary pages
 * hold runs of digits such as the test expiry.
 */
function isPostgresCatalog(file: string): boolean {
  const relative = path.relative(path.join(DATA_DIR, 'postgres', 'cluster'), file).split(path.sep);
  // The WAL too: it carries initdb's catalog pages, compressed, where a system view's text spelled the test expiry
  // (" 1230"). The suite's PostgreSQL rows are the rows its SQLite files hold, and those are scanned.
  if (relative[0] === 'pg_wal') return true;
  return relative[0] === 'base' && relative.length === 3 && Number.parseInt(relative[2], 10) < 16384;
}

function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir) || SKIP_DIRS.has(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return filesUnder(full);
    const skipped = SKIP.has(entry.name) || SKIP_EXTENSIONS.some((ext) => entry.name.endsWith(ext)) || isPostgresCatalog(full);
    return entry.isFile() && !skipped ? [full] : [];
  });
}

describe('card data scan (after the whole suite)', () => {
  it('when every file under data/ is read, then no card number, PIN, CVN2 or expiry appears', () => {
    const files = filesUnder(DATA_DIR);
    const hits: string[] = [];
    for (const file of files) {
      // latin1 keeps every byte, so binary SQLite pages are searched as they are on disk.
      for (const what of cardDataIn(withoutThreadIds(file, fs.readFileSync(file).toString('latin1')))) {
        hits.push(`${what} in ${path.relative(DATA_DIR, file)}`);
      }
    }
    expect(files.length, 'the suite wrote nothing to scan').to.be.greaterThan(0);
    expect(hits).to.deep.equal([]);
  });
});
