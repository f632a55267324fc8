import { expect } from 'chai';
import { releaseExpiredLeases } from '../../src/callback/callback-claims';
import { seedCallbacks } from '../helpers/seed-callbacks';
import { createTestDeps, describeEachStore } from '../helpers/test-db';

const NOW = new Date('2026-03-02T02:00:00.000Z');

describeEachStore('callback/callback-claims', () => {
  it('when a lease passes without renewal, then the row is due again; a renewed one is not', async () => {
    const deps = await createTestDeps(NOW);
    try {
      const ids = await seedCallbacks(deps.store, 2, NOW);
      const claim = await deps.store.callbacks.claimDue(NOW, 60_000, 5);
      const renewed = claim.rows.find((r) => r.order_id === ids[0])!;
      const { callbacks } = deps.store;
      expect(await callbacks.renewLease(renewed.id, claim.leaseToken, new Date(NOW.getTime() + 120_000))).to.equal(true);
      expect(await callbacks.renewLease(renewed.id, 'someone-else', new Date(NOW.getTime() + 120_000))).to.equal(false);

      const later = new Date(NOW.getTime() + 61_000);
      const released = await releaseExpiredLeases(deps.store, later);
      expect(released).to.have.length(1);
      const rows = await deps.db('callbacks').orderBy('order_id');
      const byOrder = Object.fromEntries(rows.map((r) => [r.order_id, r.state]));
      expect(byOrder).to.deep.equal({ [ids[0]]: 'dialing', [ids[1]]: 'scheduled' });
    } finally {
      await deps.db.destroy();
    }
  });
});
