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
    const answers = await Promise.all(
      ['a', 'b', 'c'].map((id) => group.write(async (on) => (await on('t').insert({ id }), id.toUpperCase()))),
    );

    expect(answers).to.deep.equal(['A', 'B', 'C']);
    expect(begins).to.equal(1);
    expect(await ids()).to.deep.equal(['a', 'b', 'c']);
  });

  it('when one write of a group fails, then only it fails and the others are stored', async () => {
    const group = createGroupCommit(db);
    await db('t').insert({ id: 'taken' });
    const settled = await Promise.allSettled(['x', 'taken', 'y'].map((id) => group.write((on) => on('t').insert({ id }))));

    expect(settled.map((s) => s.status)).to.deep.equal(['fulfilled', 'rejected', 'fulfilled']);
    expect(String((settled[1] as PromiseRejectedResult).reason)).to.match(/UNIQUE constraint failed/);
    expect(await ids()).to.deep.equal(['taken', 'x', 'y']);
  });

  it('when SQLite gives the whole transaction up during a write, then every write of the group fails and none is stored', async () => {
    const group = createGroupCommit(db);
    // ROLLBACK inside a write stands in for SQLite's own rollback after an I/O error or a full disk.
    const settled = await Promise.allSettled([
      group.write((on) => on('t').insert({ id: 'before' })),
      group.write(async (on) => {
        await db.raw('ROLLBACK').connection((on('t') as unknown as { _connection: unknown })._connection);
        throw new Error('SQLITE_FULL: database or disk is full');
      }),
      group.write((on) => on('t').insert({ id: 'after' })),
    ]);

    expect(settled.map((s) => s.status)).to.deep.equal(['rejected', 'rejected', 'rejected']);
    expect(await ids()).to.deep.equal([]);
  });

  it('when a write runs alone, then it is a plain statement with no transaction around it', async () => {
    const group = createGroupCommit(db);
    await group.write((on) => on('t').insert({ id: 'solo' }));
    expect(begins).to.equal(0);
    expect(await ids()).to.deep.equal(['solo']);
  });

  it('when the group cannot get its connection or transaction (busy past the timeout, disk error), then every write of the group fails with that reason', async () => {
    const failing = {
      client: { acquireConnection: () => Promise.reject(new Error('SQLITE_IOERR: disk I/O error')) },
    } as unknown as Knex;
    const group = createGroupCommit(failing);
    const settled = await Promise.allSettled([group.write(() => Promise.resolve(1)), group.write(() => Promise.resolve(2))]);

    expect(settled.map((s) => s.status)).to.deep.equal(['rejected', 'rejected']);
    expect(settled.map((s) => String((s as PromiseRejectedResult).reason))).to.deep.equal([
      'Error: SQLITE_IOERR: disk I/O error',
      'Error: SQLITE_IOERR: disk I/O error',
    ]);
    // The next group starts afresh.
    const third = await group.write(() => Promise.resolve(3)).catch((err: unknown) => String(err));
    expect(third).to.match(/disk I\/O/);
  });

  it('when more writes arrive than a group holds, then they are split into groups and all are stored', async () => {
    const group = createGroupCommit(db);
    const count = MAX_GROUP * 2 + 5;
    await Promise.all(
      Array.from({ length: count }, (_, i) => group.write((on) => on('t').insert({ id: `k${String(i).padStart(4, '0')}` }))),
    );

    expect(await ids()).to.have.length(count);
    expect(begins).to.equal(3);
  });

  it('when a write comes after the group before it committed, then it is answered too (no write is left behind)', async () => {
    const group = createGroupCommit(db);
    const first = group.write((on) => on('t').insert({ id: 'one' }));
    await first;
    await group.write((on) => on('t').insert({ id: 'two' }));
    expect(await ids()).to.deep.equal(['one', 'two']);
  });
});
