import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { expect } from 'chai';
import { createBackup, restoreBackup, type DataLocation } from '../../src/store/data-backup';
import { openDb } from '../../src/store/db';
import { latestMigration, migrateLatest } from '../../src/store/migrate';
import { TEST_OUTPUT_DIR } from '../helpers/test-output';

const PROJECT_ROOT = path.resolve(__dirname, '..', '..');

/**
 * The row's number in letters (1230 → bcda): ids in digits would contain every 4-digit run, the test card's
 * expiry among them, which the card-data scan (test/zz-card-data-scan.test.ts) rightly reports.
 */
function label(n: number): string {
  return String(n).replace(/[0-9]/g, (d) => 'abcdefghij'[Number(d)]);
}

/**
 * Another thread with its own connection, writing an order, its order attempt and its payment attempt in one
 * transaction, as fast as it can, until told to stop: the live writes a backup is taken under.
 */
const WRITER = `
const { workerData, parentPort } = require('node:worker_threads');
const Database = require(require('node:module').createRequire(workerData.root + '/package.json').resolve('better-sqlite3'));
const db = new Database(workerData.file);
db.pragma('busy_timeout = 5000');
const label = ${label.toString()};
const insert = db.transaction((n) => {
  const at = new Date(Date.UTC(2026, 2, 1, 8, 0, 0, n)).toISOString();
  const order = 'ord_' + label(n);
  db.prepare("insert into orders (id, merchant_id, merchant_order_id, amount, currency, mode, status, expires_at, created_at, updated_at) values (?, 'mch_1', ?, ?, 'CNY', 'inbound', 'paid', ?, ?, ?)")
    .run(order, 'A' + label(n), 100 + n, at, at, at);
  db.prepare("insert into order_attempts (id, order_id, call_id, started_at, outcome, payment_count) values (?, ?, ?, ?, 'paid', 1)")
    .run('oat_' + label(n), order, 'call-' + label(n), at);
  db.prepare("insert into payment_attempts (id, order_id, order_attempt_id, call_id, amount, currency, txn_time, card_masked, card_bank, card_kind, state, created_at, updated_at) values (?, ?, ?, ?, ?, 'CNY', '20260301160000', '622202******1234', 'icbc', 'debit', 'approved', ?, ?)")
    .run('att_' + label(n) + '-1', order, 'oat_' + label(n), 'call-' + label(n), 100 + n, at, at);
});
const written = new Int32Array(workerData.written);
const stop = new Int32Array(workerData.stop);
let n = workerData.from;
while (Atomics.load(stop, 0) === 0) {
  insert(n++);
  Atomics.store(written, 0, n - workerData.from);
}
db.close();
parentPort.postMessage('done');
`;

function freshDir(name: string): string {
  const dir = path.join(TEST_OUTPUT_DIR, `backup-${process.pid}-${Date.now()}-${name}`);
  fs.mkdirSync(path.dirname(dir), { recursive: true });
  return dir;
}

const rows = (db: Database.Database, table: string) =>
  db.prepare(`select * from ${table} order by id`).all() as Record<string, unknown>[];

describe('store/data-backup', () => {
  it('when a backup is taken during live writes, then the restored orders and attempts are the source rows of one moment', async () => {
    const dataDir = freshDir('source');
    const from: DataLocation = { dataDir, sqliteFile: path.join(dataDir, 'ivrpay.sqlite'), secrets: { previousKeys: [] } };
    const knexDb = await openDb(from.sqliteFile);
    await migrateLatest(knexDb);
    await knexDb('merchants').insert({
      id: 'mch_1',
      name: 'Shop',
      api_key_hash: 'h',
      api_key_prefix: 'p',
      created_at: '2026-03-01T08:00:00.000Z',
    });
    await knexDb.destroy();
    fs.writeFileSync(
      path.join(dataDir, 'secrets-key.json'),
      JSON.stringify({ secretsKey: Buffer.alloc(32, 7).toString('base64') }),
    );

    const written = new Int32Array(new SharedArrayBuffer(4));
    const stop = new Int32Array(new SharedArrayBuffer(4));
    const writer = new Worker(WRITER, {
      eval: true,
      workerData: { root: PROJECT_ROOT, file: from.sqliteFile, from: 1, written: written.buffer, stop: stop.buffer },
    });
    const finished = new Promise((resolve, reject) => {
      writer.once('message', resolve);
      writer.once('error', reject);
    });
    try {
      while (Atomics.load(written, 0) < 3000) await new Promise((resolve) => setTimeout(resolve, 10));
      const before = Atomics.load(written, 0);
      const backupDir = freshDir('backup');
      const manifest = await createBackup(from, backupDir, () => new Date('2026-03-01T09:00:00.000Z'));
      const after = Atomics.load(written, 0);
      await new Promise((resolve) => setTimeout(resolve, 50));
      Atomics.store(stop, 0, 1);
      await finished;

      expect(after, 'the writer went on while the backup was taken').to.be.greaterThan(before);
      expect(manifest.schemaVersion).to.equal(latestMigration());
      expect(manifest.files.map((f) => f.path)).to.deep.equal(['ivrpay.sqlite', 'secrets-key.json']);

      const restoredDir = freshDir('restored');
      const to: DataLocation = {
        dataDir: restoredDir,
        sqliteFile: path.join(restoredDir, 'ivrpay.sqlite'),
        secrets: { previousKeys: [] },
      };
      restoreBackup(backupDir, to);
      expect(fs.readFileSync(path.join(restoredDir, 'secrets-key.json'))).to.deep.equal(
        fs.readFileSync(path.join(dataDir, 'secrets-key.json')),
      );

      const source = new Database(from.sqliteFile, { readonly: true });
      const restored = new Database(to.sqliteFile, { readonly: true });
      try {
        const counts = ['orders', 'order_attempts', 'payment_attempts'].map((t) => rows(restored, t).length);
        // One moment: each transaction is in whole or not at all, and it is every transaction up to that moment.
        expect(counts[0]).to.be.within(before, after);
        expect(counts).to.deep.equal([counts[0], counts[0], counts[0]]);
        const restoredOrders = rows(restored, 'orders');
        expect(restoredOrders.map((o) => o.merchant_order_id).sort()).to.deep.equal(
          Array.from({ length: counts[0] }, (_, i) => `A${label(i + 1)}`).sort(),
        );
        expect(rows(source, 'orders').length).to.be.greaterThan(counts[0]);
        for (const table of ['orders', 'order_attempts', 'payment_attempts']) {
          const sourceById = new Map(rows(source, table).map((r) => [r.id, r]));
          for (const row of rows(restored, table))
            expect(row, `${table} ${String(row.id)}`).to.deep.equal(sourceById.get(row.id));
        }
        expect(restored.pragma('integrity_check', { simple: true })).to.equal('ok');
      } finally {
        source.close();
        restored.close();
      }
    } finally {
      Atomics.store(stop, 0, 1);
      await writer.terminate();
    }
  });
});
