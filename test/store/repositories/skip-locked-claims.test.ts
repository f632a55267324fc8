import { expect } from 'chai';
import type { Knex } from 'knex';
import { createStore } from '../../../src/store/store';
import { seedCallbacks } from '../../helpers/seed-callbacks';
import { openTwoTestDbs } from '../../helpers/test-db';
import { describeOnPostgres } from '../../helpers/test-stores';

const NOW = new Date('2026-03-02T02:00:00.000Z');

/** Claims until none is left, with no pause: the claimers' statements overlap on the server. */
async function claimAll(db: Knex, limit: number): Promise<string[]> {
  const store = createStore(db);
  const claimed: string[] = [];
  for (;;) {
    const { rows } = await store.callbacks.claimDue(NOW, 60_000, limit);
    if (rows.length === 0) return claimed;
    // The limit is the dialer's free lines: a claim past it would dial beyond the trunk.
    expect(rows.length).to.be.at.most(limit);
    claimed.push(...rows.map((r) => r.order_id));
  }
}

/**
 * Issue 12 §1: claimers on several nodes (here pools of several connections) racing on PostgreSQL. SQLite's race
 * of two connections is in callback-repository.test.ts; SQLite has no row locks to skip.
 */
describeOnPostgres('store: claims racing on several connections (FOR UPDATE SKIP LOCKED on PostgreSQL)', () => {
  let first: Knex;
  let second: Knex;
  beforeEach(async () => {
    [first, second] = await openTwoTestDbs('skip-locked.sqlite');
  });
  afterEach(async () => {
    await first?.destroy();
    await second?.destroy();
  });

  it('when eight claimers on two pools race over 200 due callbacks, then no callback is claimed twice and none is left', async function () {
    this.timeout(60_000);
    await seedCallbacks(createStore(first), 200, NOW);

    const runs = await Promise.all([first, second, first, second, first, second, first, second].map((db) => claimAll(db, 7)));

    const all = runs.flat();
    expect(all).to.have.length(200);
    expect(new Set(all).size, 'a callback claimed twice').to.equal(200);
    expect(runs.filter((run) => run.length > 0).length, 'the claimers shared the work').to.be.greaterThan(1);
    expect(await first('callbacks').where({ state: 'dialing' }).count({ n: '*' }).first()).to.deep.equal({ n: 200 });
  });

  it('when a claim’s transaction still holds its rows, then another claim takes the next rows at once instead of waiting', async () => {
    const ids = await seedCallbacks(createStore(first), 6, NOW);
    await createStore(first).transaction(async (tx) => {
      const held = await tx.callbacks.claimDue(NOW, 60_000, 3);
      // Uncommitted: without SKIP LOCKED the other claim would block on these rows until this transaction ends.
      const other = await Promise.race([
        createStore(second).callbacks.claimDue(NOW, 60_000, 6),
        new Promise<'blocked'>((resolve) => setTimeout(() => resolve('blocked'), 2000)),
      ]);
      expect(other).not.to.equal('blocked');
      const otherIds = other === 'blocked' ? [] : other.rows.map((r) => r.order_id);
      const heldIds = held.rows.map((r) => r.order_id);
      expect(heldIds).to.have.length(3);
      expect(otherIds).to.have.length(3);
      expect([...heldIds, ...otherIds]).to.have.members(ids);
    });
  });

  it('when two dialers count their lines and claim at once, then together they never claim more than the free lines', async () => {
    const LINES = 5;
    await seedCallbacks(createStore(first), 20, NOW);
    // The dialer's tick (src/callback/dialer.ts): lock, release, count, claim, with a pause that lets the other in.
    // Without lockLines both would count 0 lines in use and claim 5 each. (SQLite serialises the ticks of two
    // processes by its write lock; two connections of one process cannot show it, better-sqlite3 waits synchronously.)
    const tick = (db: Knex) =>
      createStore(db).transaction(async (tx) => {
        await tx.callbacks.lockLines();
        await tx.callbacks.releaseExpiredLeases(NOW.toISOString());
        const busy = await tx.callbacks.countDialing(NOW.toISOString());
        await new Promise((resolve) => setTimeout(resolve, 100));
        return (await tx.callbacks.claimDue(NOW, 60_000, Math.max(0, LINES - busy))).rows.length;
      });
    const [a, b] = await Promise.all([tick(first), tick(second)]);
    expect(a + b).to.equal(LINES);
    expect(await createStore(second).callbacks.countDialing(NOW.toISOString())).to.equal(LINES);
  });
});
