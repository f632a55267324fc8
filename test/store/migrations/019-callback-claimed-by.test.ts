import { expect } from 'chai';
import type { Knex } from 'knex';
import { down, up } from '../../../src/store/migrations/019-callback-claimed-by';
import { seedCallbacks } from '../../helpers/seed-callbacks';
import { createStore } from '../../../src/store/store';
import { describeEachStore, openTestDb } from '../../helpers/test-db';

const NOW = new Date('2026-03-01T08:00:00.000Z');

describeEachStore('store/migrations/019-callback-claimed-by', () => {
  let db: Knex;
  beforeEach(async () => {
    db = await openTestDb();
  });
  afterEach(() => db.destroy());

  it('when migrated, then a callback row names the node that claimed it, none until claimed', async () => {
    const [first] = await seedCallbacks(createStore(db), 2, NOW);
    await db('callbacks').where({ order_id: first }).update({ claimed_by: 'node-a' });
    expect(await db('callbacks').orderBy('claimed_by').pluck('claimed_by')).to.have.members(['node-a', null]);
  });

  it('when rolled back and migrated again, then the column goes and comes back empty, and every row stays', async () => {
    await seedCallbacks(createStore(db), 1, NOW);
    await db('callbacks').update({ claimed_by: 'node-a' });
    await down(db);
    expect(Object.keys(await db('callbacks').columnInfo())).not.to.include('claimed_by');
    await up(db);
    expect(await db('callbacks').pluck('claimed_by')).to.deep.equal([null]);
  });
});
