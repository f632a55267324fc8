import { expect } from 'chai';
import type { Knex } from 'knex';
import { dialectOf } from '../../src/store/dialect';
import { createStore, type Repositories } from '../../src/store/store';
import { openTestDb, describeEachStore } from '../helpers/test-db';

const AT = '2026-03-01T08:00:00.000Z';

function merchant(id: string) {
  return { id, name: id, api_key_hash: `hash-${id}`, api_key_prefix: 'ivrpay_sk_x', created_at: AT };
}

describeEachStore('store/store (repositories and units of work)', () => {
  let db: Knex;
  let begins: number;
  beforeEach(async () => {
    db = await openTestDb();
    begins = 0;
    db.on('query', (q: { sql: string }) => {
      if (/^begin/i.test(q.sql)) begins += 1;
    });
  });
  afterEach(() => db.destroy());

  const merchantIds = async () => (await db('merchants').orderBy('id')).map((m) => m.id);

  it('when a unit of work resolves, then its writes commit together and it reads its own writes', async () => {
    const store = createStore(db);
    const seen = await store.transaction(async (tx) => {
      await tx.merchants.insert(merchant('m1'));
      await tx.merchants.insert(merchant('m2'));
      return (await tx.merchants.list()).map((m) => m.id);
    });
    expect(seen).to.deep.equal(['m1', 'm2']);
    expect(await merchantIds()).to.deep.equal(['m1', 'm2']);
    expect(begins).to.equal(1);
  });

  it('when a unit of work throws, then nothing it wrote is stored and the error reaches the caller', async () => {
    const store = createStore(db);
    const error = await store
      .transaction(async (tx) => {
        await tx.merchants.insert(merchant('m1'));
        throw new Error('crash before commit');
      })
      .catch((err: Error) => err.message);
    expect(error).to.equal('crash before commit');
    expect(await merchantIds()).to.deep.equal([]);
  });

  it('when single writes arrive together through groupWrite, then SQLite shares one transaction and one binding; PostgreSQL commits each alone', async () => {
    const store = createStore(db, { groupCommit: true });
    const bindings = new Set<Repositories>();
    const write = (id: string) =>
      store.groupWrite(async (on) => {
        bindings.add(on);
        await on.merchants.insert(merchant(id));
        return id;
      });
    expect(await Promise.all([write('m1'), write('m2'), write('m3')])).to.deep.equal(['m1', 'm2', 'm3']);
    expect(await write('m4')).to.equal('m4');

    if (dialectOf(db) === 'postgres') {
      // PostgreSQL commits concurrent writes on its pool: each commits alone, on the store's own repositories.
      expect(begins).to.equal(0);
      expect(await merchantIds()).to.deep.equal(['m1', 'm2', 'm3', 'm4']);
      expect([...bindings]).to.deep.equal([store]);
      return;
    }
    expect(begins).to.equal(1);
    expect(await merchantIds()).to.deep.equal(['m1', 'm2', 'm3', 'm4']);
    expect(bindings.size, 'the connection’s repositories are bound once, not per group').to.equal(1);
    expect(bindings.has(store)).to.equal(false);
  });

  it('when the store has no group commit, then a group write runs at once on the store’s own repositories', async () => {
    const store = createStore(db);
    let on: Repositories | undefined;
    await store.groupWrite(async (repositories) => {
      on = repositories;
      await repositories.merchants.insert(merchant('m1'));
    });
    expect(on).to.equal(store);
    expect(await merchantIds()).to.deep.equal(['m1']);
  });

  it('when a repository is used again, then it is the same object (made once, on first use)', () => {
    const store = createStore(db);
    expect(store.orders).to.equal(store.orders);
    expect(store.orders).not.to.equal(createStore(db).orders);
  });
});
