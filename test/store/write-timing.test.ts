import { expect } from 'chai';
import { dialectOf } from '../../src/store/dialect';
import { createStore } from '../../src/store/store';
import type { WriteStatement } from '../../src/store/write-timing';
import { openTestDb, describeEachStore } from '../helpers/test-db';

describeEachStore('store/write-timing (createStore timeWrites)', () => {
  it('when the store writes alone, in a group and in a transaction, then each write is timed and no read is', async () => {
    const db = await openTestDb();
    const timed: [WriteStatement, number][] = [];
    const store = createStore(db, { groupCommit: true, timeWrites: (statement, seconds) => timed.push([statement, seconds]) });
    const at = '2026-03-01T08:00:00.000Z';
    try {
      await store.banks.list();
      await store.banks.setStatus('ICBC', 'suspended', at);
      // Two writes in the same turn share one group: BEGIN, two inserts, COMMIT.
      await Promise.all([
        store.groupWrite((on) => on.banks.setStatus('ABC', 'suspended', at)),
        store.groupWrite((on) => on.banks.setStatus('CCB', 'suspended', at)),
      ]);
      await store.transaction((tx) => tx.banks.setStatus('BOC', 'suspended', at));
      await store.banks.list();

      // PostgreSQL has no group commit (each write commits alone on the pool), so no COMMIT of a group is timed.
      const group = dialectOf(db) === 'postgres' ? ['insert', 'insert'] : ['insert', 'insert', 'commit'];
      expect(timed.map(([statement]) => statement)).to.deep.equal(['insert', ...group, 'insert', 'transaction']);
      expect(timed.every(([, seconds]) => seconds >= 0 && seconds < 5)).to.equal(true);
    } finally {
      await db.destroy();
    }
  });

  it('when no timing is asked for, then the store writes as before', async () => {
    const db = await openTestDb();
    try {
      const store = createStore(db);
      await store.transaction((tx) => tx.banks.setStatus('BOC', 'suspended', '2026-03-01T08:00:00.000Z'));
      expect(await store.banks.list()).to.have.length(1);
    } finally {
      await db.destroy();
    }
  });
});
