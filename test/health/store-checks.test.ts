import Database from 'better-sqlite3';
import { expect } from 'chai';
import type { Knex } from 'knex';
import { migrationsCheck, storeWritableCheck } from '../../src/health/store-checks';
import { openDb } from '../../src/store/db';
import { latestMigration, migrateLatest } from '../../src/store/migrate';
import { openTestDb } from '../helpers/test-db';
import { testOutputFile } from '../helpers/test-output';

describe('health/store-checks', () => {
  let db: Knex;
  afterEach(async () => {
    await db.destroy();
  });

  it('when the store takes writes, then it is ok and nothing was written', async () => {
    db = await openTestDb();
    const before = await db('merchants').count({ n: '*' });
    const result = await storeWritableCheck(db).run();
    expect(result.ok).to.equal(true);
    expect(result.ms).to.be.a('number');
    expect(await db('merchants').count({ n: '*' })).to.deep.equal(before);
    // The connection was given back with no transaction left open.
    await db.transaction(async (trx) => trx('merchants').count({ n: '*' }));
  });

  it('when another process holds the write lock past the busy timeout, then it fails with SQLITE_BUSY', async () => {
    const file = testOutputFile(`store-check-${process.pid}-${Date.now()}.sqlite`);
    db = await openDb(file);
    await migrateLatest(db);
    await db.raw('PRAGMA busy_timeout = 50');
    const other = new Database(file);
    other.exec('BEGIN IMMEDIATE');
    try {
      const failed = await storeWritableCheck(db)
        .run()
        .then(
          () => 'ok',
          (err: { code?: string }) => err.code,
        );
      expect(failed).to.equal('SQLITE_BUSY');
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
    expect((await storeWritableCheck(db).run()).ok).to.equal(true);
  });

  it('when every migration this code knows is applied, then migrations are current', async () => {
    db = await openTestDb();
    expect(await migrationsCheck(db).run()).to.deep.equal({ ok: true, current: latestMigration(), latest: latestMigration() });
  });

  it('when a migration is missing or the database has one this code does not know, then migrations are not current', async () => {
    db = await openTestDb();
    await db('knex_migrations').where({ name: latestMigration() }).delete();
    const behind = await migrationsCheck(db).run();
    expect(behind).to.deep.include({ ok: false, pending: [latestMigration()] });

    await db('knex_migrations').insert({ name: latestMigration(), batch: 2, migration_time: new Date() });
    await db('knex_migrations').insert({ name: '999-from-a-newer-release', batch: 3, migration_time: new Date() });
    const ahead = await migrationsCheck(db).run();
    expect(ahead).to.deep.equal({
      ok: false,
      current: '999-from-a-newer-release',
      latest: latestMigration(),
      unknown: ['999-from-a-newer-release'],
    });
  });
});
