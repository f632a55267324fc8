import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { openDb } from '../../src/store/db';
import { migrateLatest } from '../../src/store/migrate';

describe('store/db', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ivrpay-db-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('when a file in a missing folder is opened, then the folder is created and WAL, busy timeout and foreign keys are on', async () => {
    const db = await openDb(path.join(dir, 'nested', 'x.sqlite'));
    try {
      expect((await db.raw<Record<string, unknown>[]>('PRAGMA journal_mode'))[0].journal_mode).to.equal('wal');
      expect((await db.raw<Record<string, unknown>[]>('PRAGMA busy_timeout'))[0].timeout).to.equal(5000);
      expect((await db.raw<Record<string, unknown>[]>('PRAGMA foreign_keys'))[0].foreign_keys).to.equal(1);
    } finally {
      await db.destroy();
    }
    expect(fs.existsSync(path.join(dir, 'nested', 'x.sqlite'))).to.equal(true);
  });

  it('when opened, then every commit is fsynced (synchronous FULL) unless normal is asked for', async () => {
    const full = await openDb(path.join(dir, 'full.sqlite'));
    const normal = await openDb(path.join(dir, 'normal.sqlite'), { synchronous: 'normal' });
    try {
      expect((await full.raw<Record<string, unknown>[]>('PRAGMA synchronous'))[0].synchronous).to.equal(2);
      expect((await normal.raw<Record<string, unknown>[]>('PRAGMA synchronous'))[0].synchronous).to.equal(1);
    } finally {
      await full.destroy();
      await normal.destroy();
    }
  });

  it('when the same query runs again with other values, then its prepared statement is reused and the answers are right', async () => {
    const db = await openDb(path.join(dir, 'x.sqlite'));
    try {
      await db.schema.createTable('t', (t) => {
        t.text('id').primary();
        t.integer('n');
      });
      await db('t').insert([
        { id: 'a', n: 1 },
        { id: 'b', n: 2 },
      ]);
      expect(await db('t').where({ id: 'a' }).first()).to.deep.equal({ id: 'a', n: 1 });
      expect(await db('t').where({ id: 'b' }).first()).to.deep.equal({ id: 'b', n: 2 });
      expect(await db('t').where({ id: 'c' }).first()).to.equal(undefined);
      expect(await db('t').where({ id: 'b' }).update({ n: 3 })).to.equal(1);
      expect(await db('t').where({ id: 'a' }).update({ n: 4 })).to.equal(1);
      expect(await db('t').orderBy('id')).to.deep.equal([
        { id: 'a', n: 4 },
        { id: 'b', n: 3 },
      ]);
    } finally {
      await db.destroy();
    }
  });

  it('when migrated twice, then the second run is a no-op and the tables exist', async () => {
    const file = path.join(dir, 'x.sqlite');
    const db = await openDb(file);
    try {
      await migrateLatest(db);
      await migrateLatest(db);
      const names = (await db('knex_migrations').select('name')).map((r: { name: string }) => r.name);
      expect(names).to.deep.equal([
        '001-initial-schema',
        '002-idempotency-and-request-signing',
        '003-merchant-notifications',
        '004-callbacks-and-sms',
        '005-payment-attempts',
        '006-card-fingerprints',
        '007-refunds',
        '008-reconciliation',
        '009-fees-and-settlement',
        '010-merchant-language',
        '011-abandoned-call-sms',
        '012-merchant-prompts',
        '013-operators',
        '014-nodes',
        '015-agents',
        '016-rate-limits',
        '017-node-apps',
        '018-asterisk-servers',
        '019-callback-claimed-by',
        '020-claim-order-indexes',
      ]);
      for (const table of [
        'merchants',
        'orders',
        'order_attempts',
        'banks',
        'idempotency_keys',
        'notifications',
        'callbacks',
        'callback_attempts',
        'sms',
        'line_usage',
        'payment_attempts',
        'acquirer_notifications',
        'refunds',
        'reconciliation_runs',
        'reconciliation_items',
        'fee_plans',
        'call_legs',
        'settlement_batches',
        'settlement_entries',
        'operators',
        'agents',
      ]) {
        expect(await db.schema.hasTable(table), table).to.equal(true);
      }
    } finally {
      await db.destroy();
    }
  });

  it('when an order names a merchant that does not exist, then the foreign key rejects it', async () => {
    const db = await openDb(':memory:');
    try {
      await migrateLatest(db);
      const now = new Date().toISOString();
      const insert = db('orders').insert({
        id: 'ord_1',
        merchant_id: 'mch_missing',
        merchant_order_id: 'A1',
        amount: 1,
        currency: 'CNY',
        mode: 'inbound',
        status: 'created',
        expires_at: now,
        created_at: now,
        updated_at: now,
      });
      let error: unknown;
      await insert.catch((err: unknown) => (error = err));
      expect(String(error)).to.match(/FOREIGN KEY constraint failed/);
    } finally {
      await db.destroy();
    }
  });
});
