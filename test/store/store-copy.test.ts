import { randomBytes } from 'node:crypto';
import { expect } from 'chai';
import type { Knex } from 'knex';
import pino from 'pino';
import { createMerchantService } from '../../src/services/merchant-service';
import { createOrderService } from '../../src/order/order-service';
import { openDb } from '../../src/store/db';
import { migrateLatest } from '../../src/store/migrate';
import { openPostgres } from '../../src/store/postgres-connection';
import { copyStore } from '../../src/store/store-copy';
import { createStore } from '../../src/store/store';
import { testPostgresUrl } from '../helpers/test-stores';

const NOW = new Date('2026-03-01T08:00:00.000Z');

/** A SQLite store with rows in the tables a day of calls fills: merchants, orders, attempts, events, nodes, serial ids. */
async function filledSqlite(): Promise<Knex> {
  const db = await openDb(':memory:');
  await migrateLatest(db);
  const deps = { store: createStore(db), log: pino({ level: 'silent' }), now: () => NOW };
  const merchant = await createMerchantService(deps).createMerchant('Acme Travel');
  const orders = createOrderService({ ...deps, nodeId: 'node-a', defaultExpiresSeconds: 1800 });
  for (let i = 0; i < 7; i++) {
    const order = await orders.createOrder(merchant.id, {
      merchantOrderId: `A${i}`,
      amount: 100 + i,
      notifyUrl: 'https://merchant.example/hook',
    });
    if (i % 2 === 0) {
      await orders.claimByPayCode(order.payCode!, `call-${i}`);
      await orders.releaseAfterCall(order.id, `call-${i}`, 'abandoned');
    }
  }
  await db('nodes').insert({
    id: 'node-a',
    host: 'h',
    pid: 1,
    started_at: '2026-03-01T07:00:00.000Z',
    heartbeat_at: '2026-03-01T07:00:00.000Z',
  });
  await db('reconciliation_runs').insert({
    settle_date: '2026-02-28',
    source: 'file',
    file_name: 'f',
    file_sha256: 'ab',
    line_count: 3,
    matched: 1,
    discrepancies: 2,
    resolved: 0,
    fee_total: 1,
    settle_total: 2,
    run_count: 1,
    first_run_at: NOW.toISOString(),
    last_run_at: NOW.toISOString(),
  });
  for (const kind of ['matched', 'ours_only', 'acquirer_only'] as const)
    await db('reconciliation_items').insert({ settle_date: '2026-02-28', kind });
  return db;
}

/** PostgreSQL gives booleans where SQLite keeps 0 and 1; otherwise a copied row reads back the same. */
function comparable(rows: Record<string, unknown>[]): Record<string, unknown>[] {
  return rows.map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, typeof v === 'boolean' ? Number(v) : v])));
}

/** Rows in one order whatever each store returned them in. */
function sorted(rows: Record<string, unknown>[]): string[] {
  return rows.map((row) => JSON.stringify(row, Object.keys(row).sort())).sort();
}

(testPostgresUrl ? describe : describe.skip)('store/store-copy (SQLite → PostgreSQL)', function () {
  this.timeout(60_000);
  const url = testPostgresUrl as string;
  let schema: string;
  let sqlite: Knex;
  let pg: Knex;

  beforeEach(async () => {
    schema = `copy_${randomBytes(6).toString('hex')}`;
    const admin = await openPostgres(url, { poolMax: 1 });
    await admin.raw('create schema ??', [schema]);
    await admin.destroy();
    pg = await openPostgres(url, { searchPath: schema, poolMax: 2 });
    await migrateLatest(pg);
    sqlite = await filledSqlite();
  });
  afterEach(async () => {
    await sqlite?.destroy();
    await pg.raw('drop schema ?? cascade', [schema]);
    await pg.destroy();
  });

  it('copies every row of every table, parents first, and each reads back the same', async () => {
    const report = await copyStore(sqlite, pg, { batch: 3 });
    const tables = report.map((r) => r.table);
    expect(tables.indexOf('merchants')).to.be.lessThan(tables.indexOf('orders'));
    expect(tables.indexOf('orders')).to.be.lessThan(tables.indexOf('order_attempts'));
    expect(tables.indexOf('reconciliation_runs')).to.be.lessThan(tables.indexOf('reconciliation_items'));
    expect(report.find((r) => r.table === 'orders')?.rows).to.equal(7);
    expect(report.find((r) => r.table === 'notifications')?.rows).to.equal(4);
    for (const { table } of report) {
      const [a, b] = [comparable(await sqlite(table)), comparable(await pg(table))];
      expect(sorted(b), table).to.deep.equal(sorted(a));
    }
  });

  it('continues serial ids after the copied ones', async () => {
    await copyStore(sqlite, pg);
    await pg('reconciliation_items').insert({ settle_date: '2026-02-28', kind: 'matched' });
    expect(await pg('reconciliation_items').max({ id: 'id' }).first()).to.deep.equal({ id: 4 });
  });

  it('refuses a PostgreSQL store that already has rows, and changes nothing', async () => {
    await copyStore(sqlite, pg);
    const err = await copyStore(sqlite, pg).catch((e: Error & { code?: string }) => e);
    expect(err).to.include({ code: 'conflict', message: 'the PostgreSQL store is not empty (table merchants has rows)' });
    expect((await pg('orders').count({ n: '*' }))[0].n).to.equal(7);
  });

  it('refuses while a node is running on the SQLite store', async () => {
    const err = await copyStore(sqlite, pg, { liveSinceIso: '2026-03-01T06:59:00.000Z' }).catch((e: Error) => e);
    expect(err).to.include({ code: 'conflict', message: 'node node-a is running on the SQLite store: stop it first' });
  });

  it('refuses stores at different migrations', async () => {
    const last = (await pg('knex_migrations').orderBy('name', 'desc').first<{ name: string } | undefined>())?.name;
    await pg('knex_migrations').where({ name: last }).delete();
    const err = (await copyStore(sqlite, pg).catch((e: Error) => e)) as Error;
    expect(err).to.have.property('code', 'conflict');
    expect(err.message).to.match(/^the two stores are at different migrations/);
  });

  it('when a row cannot be written to PostgreSQL, then nothing is left there', async () => {
    await sqlite('merchants').update({ require_mobile: 7 });
    const err = await copyStore(sqlite, pg).catch((e: Error) => e);
    expect(err).to.be.instanceOf(Error);
    for (const table of ['banks', 'merchants', 'orders']) expect((await pg(table).count({ n: '*' }))[0].n, table).to.equal(0);
  });
});
