import { expect } from 'chai';
import { createStore, type Store } from '../../../src/store/store';
import { seedCallbacks } from '../../helpers/seed-callbacks';
import { createTestDeps, describeEachStore, openTwoTestDbs } from '../../helpers/test-db';

const NOW = new Date('2026-03-02T02:00:00.000Z');

describeEachStore('store/callback-repository (the dialer’s claims)', () => {
  it('when two connections to one store claim at once, then every due callback is claimed exactly once', async () => {
    const [first, second] = await openTwoTestDbs('callback-claims.sqlite');
    try {
      await seedCallbacks(createStore(first), 60, NOW);
      const claimed: string[][] = [[], []];
      const claimAll = async (store: Store, into: string[]) => {
        for (;;) {
          const { rows } = await store.callbacks.claimDue(NOW, 60_000, 3);
          if (rows.length === 0) return;
          into.push(...rows.map((r) => r.order_id));
          // A breath between claims, as dialer runs have: the other connection gets the write lock too.
          await new Promise((resolve) => setTimeout(resolve, 2));
        }
      };
      await Promise.all([claimAll(createStore(first), claimed[0]), claimAll(createStore(second), claimed[1])]);

      const all = [...claimed[0], ...claimed[1]];
      expect(all).to.have.length(60);
      expect(new Set(all).size).to.equal(60);
      expect(claimed[0].length, 'both connections took part').to.be.greaterThan(0);
      expect(claimed[1].length).to.be.greaterThan(0);
      expect(await createStore(second).callbacks.countDialing(NOW.toISOString())).to.equal(60);
    } finally {
      await first.destroy();
      await second.destroy();
    }
  });

  it('when a claim is made, then only due scheduled rows are leased, oldest first, up to the limit', async () => {
    const deps = await createTestDeps(NOW);
    try {
      const ids = await seedCallbacks(deps.store, 4, NOW);
      await deps.db('callbacks').where({ order_id: ids[0] }).update({ next_call_at: '2026-03-02T02:00:01.000Z' });
      await deps.db('callbacks').where({ order_id: ids[1] }).update({ next_call_at: '2026-03-02T01:00:00.000Z' });
      await deps.db('callbacks').where({ order_id: ids[2] }).update({ state: 'unreachable' });

      const claim = await deps.store.callbacks.claimDue(NOW, 60_000, 5);
      expect(claim.rows.map((r) => r.order_id)).to.deep.equal([ids[1], ids[3]]);
      expect(claim.rows[0]).to.include({
        state: 'dialing',
        lease_token: claim.leaseToken,
        locked_until: '2026-03-02T02:01:00.000Z',
      });
      expect((await deps.store.callbacks.claimDue(NOW, 60_000, 5)).rows).to.deep.equal([]);
    } finally {
      await deps.db.destroy();
    }
  });

  it("when a node claims rows, then they name it while dialling, and listing a node's rows finds only its own", async () => {
    const deps = await createTestDeps(NOW);
    try {
      await seedCallbacks(deps.store, 3, NOW);
      const a = await deps.store.callbacks.claimDue(NOW, 60_000, 2, 'node-a');
      const b = await deps.store.callbacks.claimDue(NOW, 60_000, 2, 'node-b');
      expect(a.rows.map((r) => r.claimed_by)).to.deep.equal(['node-a', 'node-a']);
      const finished = a.rows[0];
      await deps.store.callbacks.releaseClaim(finished.id, a.leaseToken, { state: 'done' }, NOW);

      expect((await deps.store.callbacks.listDialingClaimedBy('node-a')).map((r) => r.id)).to.deep.equal([a.rows[1].id]);
      expect((await deps.store.callbacks.listDialingClaimedBy('node-b')).map((r) => r.id)).to.deep.equal([b.rows[0].id]);
      expect(await deps.store.callbacks.listDialingClaimedBy('node-c')).to.deep.equal([]);
    } finally {
      await deps.db.destroy();
    }
  });
});
