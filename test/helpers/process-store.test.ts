import { expect } from 'chai';
import { openStore } from '../../src/compose';
import { loadConfig } from '../../src/config/config';
import { openPostgres } from '../../src/store/postgres-connection';
import { createProcessStore, processStoreKind } from './process-store';
import { testPostgresUrl } from './test-stores';

(processStoreKind === 'postgres' ? describe : describe.skip)('helpers/process-store on PostgreSQL', function () {
  this.timeout(60_000);

  it('when a service opens the store by its DATABASE_URL, then it migrates and works in the fresh schema only, and drop removes it', async () => {
    const store = await createProcessStore('process-store test');
    expect(store.schema).to.match(/^t_process_store_test_[0-9a-f]{8}$/);
    const db = await openStore(loadConfig({ ...store.env, LOG_LEVEL: 'silent' }));
    try {
      const { rows } = await db.raw<{ rows: { schema: string }[] }>('select current_schema() as schema');
      expect(rows[0].schema).to.equal(store.schema);
      const tables = (await db('information_schema.tables').where('table_schema', store.schema).pluck('table_name')) as string[];
      expect(tables).to.include.members(['orders', 'callbacks', 'idempotency_keys', 'nodes']);
    } finally {
      await db.destroy();
    }
    await store.drop();
    const admin = await openPostgres(testPostgresUrl as string, { poolMax: 2 });
    try {
      const left = await admin('information_schema.schemata').where('schema_name', store.schema).pluck('schema_name');
      expect(left).to.deep.equal([]);
    } finally {
      await admin.destroy();
    }
  });
});
