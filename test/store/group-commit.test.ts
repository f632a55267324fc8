import { expect } from 'chai';
import type { Knex } from 'knex';
import { createGroupCommit, MAX_GROUP } from '../../src/store/group-commit';
import { openDb } from '../../src/store/db';

describe('store/group-commit', () => {
  let db: Knex;
  let begins: number;
  beforeEach(async () => {
    db = await openDb(':memory:');
    await db.schema.createTable('t', (t) => {
      t.text('id').primary();
    });
    begins = 0;
    db.on('query', (q: { sql: string }) => {
      if (/^begin/i.test(q.sql)) begins += 1;
    });
  });
  afterEach(() => db.destroy());

  const ids = async () => (await db('t').orderBy('id')).map((r: { id: string }) => r.id);

  it('when writes arrive together, then they share one transaction and each gets its own answer', async () => {
    const group = createGroupCommit(db);
    const answers = await Promise.all(['a', 'b', 'c'].map((id) => group.write(async (trx) => (await trx('t').insert({ id }), id.toUpperCase()))));

    expect(answers).to.deep.equal(['A', 'B', 'C']);
    expect(begins).to.equal(1);
    expect(await ids()).to.deep.equal(['a', 'b', 'c']);
  });

  it('when one write of a group fails, then only it fails and the others are stored', async () => {
    const group = createGroupCommit(db);
    await db('t').insert({ id: 'taken' });
    const settled = await Promise.allSettled(['x', 'taken', 'y'].map((id) => group.write((trx) => trx('t').insert({ id }))));

    expect(settled.map((s) => s.status)).to.deep.equal(['fulfilled', 'rejected', 'fulfilled']);
    expect(String((settled[1] as PromiseRejectedResult).reason)).to.match(/UNIQUE constraint failed/);
    expect(await ids()).to.deep.equal(['taken', 'x', 'y']);
  });

  it('when a write of several statements fails in its savepoint, then none of its statements stay', async () => {
    const group = createGroupCommit(db);
    await db('t').insert({ id: 'taken' });
    const settled = await Promise.allSettled([
      group.write((trx) => trx.transaction(async (sp) => {
        await sp('t').insert({ id: 'first-half' });
        await sp('t').insert({ id: 'taken' });
      })),
      group.write((trx) => trx('t').insert({ id: 'other' })),
    ]);

    expect(settled.map((s) => s.status)).to.deep.equal(['rejected', 'fulfilled']);
    expect(await ids()).to.deep.equal(['other', 'taken']);
  });

  it('when the group’s transaction fails (busy past the timeout, disk error), then every write of the group fails with that reason', async () => {
    const failing = { transaction: () => Promise.reject(new Error('SQLITE_IOERR: disk I/O error')) } as unknown as Knex;
    const group = createGroupCommit(failing);
    const settled = await Promise.allSettled([group.write(async () => 1), group.write(async () => 2)]);

    expect(settled.map((s) => s.status)).to.deep.equal(['rejected', 'rejected']);
    expect(settled.map((s) => String((s as PromiseRejectedResult).reason))).to.deep.equal(['Error: SQLITE_IOERR: disk I/O error', 'Error: SQLITE_IOERR: disk I/O error']);
    // The next group starts afresh.
    const third = await group.write(async () => 3).catch((err: unknown) => String(err));
    expect(third).to.match(/disk I\/O/);
  });

  it('when more writes arrive than a group holds, then they are split into groups and all are stored', async () => {
    const group = createGroupCommit(db);
    const count = MAX_GROUP * 2 + 5;
    await Promise.all(Array.from({ length: count }, (_, i) => group.write((trx) => trx('t').insert({ id: `k${String(i).padStart(4, '0')}` }))));

    expect(await ids()).to.have.length(count);
    expect(begins).to.equal(3);
  });

  it('when a write comes after the group before it committed, then it is answered too (no write is left behind)', async () => {
    const group = createGroupCommit(db);
    const first = group.write((trx) => trx('t').insert({ id: 'one' }));
    await first;
    await group.write((trx) => trx('t').insert({ id: 'two' }));
    expect(await ids()).to.deep.equal(['one', 'two']);
  });
});
