import { randomBytes } from 'node:crypto';
import { expect } from 'chai';
import { latestMigration, migrateLatest, migrationState } from '../../src/store/migrate';
import { openPostgres } from '../../src/store/postgres-connection';
import { describeOnPostgres, testPostgresUrl } from '../helpers/test-stores';

describeOnPostgres('store/migrate on PostgreSQL', () => {
  it('when three nodes start at once on an empty database, then each migrates or waits, none fails, each migration runs once', async function () {
    this.timeout(60_000);
    const url = testPostgresUrl!;
    const schema = `test_migrate_${randomBytes(4).toString('hex')}`;
    const admin = await openPostgres(url, { poolMax: 2 });
    await admin.raw('create schema ??', [schema]);
    const nodes = await Promise.all([1, 2, 3].map(() => openPostgres(url, { searchPath: schema, poolMax: 2 })));
    try {
      await Promise.all(nodes.map((db) => migrateLatest(db)));

      const names = (await nodes[0]('knex_migrations').pluck('name')) as string[];
      expect(new Set(names).size).to.equal(names.length);
      expect(await migrationState(nodes[2])).to.include({ current: latestMigration() });
      expect((await migrationState(nodes[1])).pending).to.deep.equal([]);
    } finally {
      await Promise.all(nodes.map((db) => db.destroy()));
      await admin.raw('drop schema ?? cascade', [schema]);
      await admin.destroy();
    }
  });
});
