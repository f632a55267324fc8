import { expect } from 'chai';
import type { Knex } from 'knex';
import { dialectOf } from '../../../src/store/dialect';
import { down, up } from '../../../src/store/migrations/020-claim-order-indexes';
import { describeEachStore, openTestDb } from '../../helpers/test-db';

/** The columns of each index on `table`, in order, e.g. 'state,next_call_at,id'. */
async function indexesOf(db: Knex, table: string): Promise<string[]> {
  if (dialectOf(db) === 'postgres') {
    const result = await db.raw<{ rows: { columns: string }[] }>(
      `select string_agg(a.attname, ',' order by k.ord) as columns
         from pg_index i
         join pg_class t on t.oid = i.indrelid
         join unnest(i.indkey) with ordinality as k(attnum, ord) on true
         join pg_attribute a on a.attrelid = t.oid and a.attnum = k.attnum
        where t.relname = ? and t.relnamespace = current_schema()::regnamespace and not i.indisprimary
        group by i.indexrelid`,
      [table],
    );
    return result.rows.map((r) => r.columns).sort();
  }
  const list = await db.raw<{ name: string; origin: string }[]>(`pragma index_list(${table})`);
  const columns = await Promise.all(
    list
      .filter((i) => i.origin === 'c')
      .map(async (i) => (await db.raw<{ name: string }[]>(`pragma index_info(${i.name})`)).map((c) => c.name).join(',')),
  );
  return columns.sort();
}

describeEachStore('store/migrations/020-claim-order-indexes', () => {
  let db: Knex;
  beforeEach(async () => {
    db = await openTestDb();
  });
  afterEach(() => db.destroy());

  it('when migrated, then the claimed tables are indexed in claim order, ties by id', async () => {
    expect(await indexesOf(db, 'callbacks')).to.include('state,next_call_at,id');
    expect(await indexesOf(db, 'notifications')).to.include('status,next_attempt_at,id');
    expect(await indexesOf(db, 'sms')).to.include('status,next_attempt_at,id');
  });

  it('when rolled back and migrated again, then the old index comes back and goes again', async () => {
    await down(db);
    expect(await indexesOf(db, 'callbacks'))
      .to.include('state,next_call_at')
      .and.not.include('state,next_call_at,id');
    await up(db);
    expect(await indexesOf(db, 'callbacks'))
      .to.include('state,next_call_at,id')
      .and.not.include('state,next_call_at');
  });
});
