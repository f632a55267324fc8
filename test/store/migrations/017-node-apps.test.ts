import { expect } from 'chai';
import type { Knex } from 'knex';
import { down, up } from '../../../src/store/migrations/017-node-apps';
import { describeEachStore, openTestDb } from '../../helpers/test-db';

const NOW = '2026-03-01T08:00:00.000Z';

describeEachStore('store/migrations/017-node-apps', () => {
  let db: Knex;
  beforeEach(async () => {
    db = await openTestDb();
  });
  afterEach(() => db.destroy());

  it('when migrated, then a node row keeps its Stasis app, null unless set', async () => {
    await db('nodes').insert({ id: 'node-a', host: 'h', pid: 1, started_at: NOW, heartbeat_at: NOW, app: 'ivrpay-a' });
    await db('nodes').insert({ id: 'node-b', host: 'h', pid: 2, started_at: NOW, heartbeat_at: NOW });
    expect(await db('nodes').orderBy('id').pluck('app')).to.deep.equal(['ivrpay-a', null]);
  });

  it('when rolled back and migrated again, then the column goes and comes back empty, and every row stays', async () => {
    await db('nodes').insert({ id: 'node-a', host: 'h', pid: 1, started_at: NOW, heartbeat_at: NOW, app: 'ivrpay-a' });
    await down(db);
    expect(Object.keys(await db('nodes').columnInfo())).not.to.include('app');
    await up(db);
    expect(await db('nodes').select('id', 'app')).to.deep.equal([{ id: 'node-a', app: null }]);
  });
});
