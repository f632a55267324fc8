import { expect } from 'chai';
import fs from 'node:fs';
import pino from 'pino';
import type { Knex } from 'knex';
import { claimDueCallbacks, countDialing, releaseExpiredLeases, renewLease } from '../../src/callback/callback-claims';
import { createMerchantService } from '../../src/services/merchant-service';
import { createOrderService } from '../../src/order/order-service';
import { openDb } from '../../src/store/db';
import { migrateLatest } from '../../src/store/migrate';
import { testOutputFile } from '../helpers/test-output';
import { createTestDeps } from '../helpers/test-db';

const NOW = new Date('2026-03-02T02:00:00.000Z');

async function seedCallbacks(db: Knex, count: number): Promise<string[]> {
  const deps = { db, log: pino({ level: 'silent' }), now: () => NOW };
  const merchant = await createMerchantService(deps).createMerchant('Acme');
  const orders = createOrderService({ ...deps, defaultExpiresSeconds: 1800 });
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    ids.push(
      (await orders.createOrder(merchant.id, { merchantOrderId: `C${i}`, amount: 100, mode: 'callback', phone: '13552535506' }))
        .id,
    );
  }
  return ids;
}

describe('services/callback-claims', () => {
  it('when two connections to one SQLite file claim at once, then every due callback is claimed exactly once', async () => {
    const file = testOutputFile('callback-claims.sqlite');
    fs.rmSync(file, { force: true });
    const first = await openDb(file);
    const second = await openDb(file);
    try {
      await migrateLatest(first);
      await seedCallbacks(first, 60);
      const claimed: string[][] = [[], []];
      const claimAll = async (db: Knex, into: string[]) => {
        for (;;) {
          const { rows } = await claimDueCallbacks(db, NOW, 60_000, 3);
          if (rows.length === 0) return;
          into.push(...rows.map((r) => r.order_id));
          // A breath between claims, as dialer runs have: the other connection gets the write lock too.
          await new Promise((resolve) => setTimeout(resolve, 2));
        }
      };
      await Promise.all([claimAll(first, claimed[0]), claimAll(second, claimed[1])]);

      const all = [...claimed[0], ...claimed[1]];
      expect(all).to.have.length(60);
      expect(new Set(all).size).to.equal(60);
      expect(claimed[0].length, 'both connections took part').to.be.greaterThan(0);
      expect(claimed[1].length).to.be.greaterThan(0);
      expect(await countDialing(second, NOW)).to.equal(60);
    } finally {
      await first.destroy();
      await second.destroy();
    }
  });

  it('when a claim is made, then only due scheduled rows are leased, oldest first, up to the limit', async () => {
    const deps = await createTestDeps(NOW);
    try {
      const ids = await seedCallbacks(deps.db, 4);
      await deps.db('callbacks').where({ order_id: ids[0] }).update({ next_call_at: '2026-03-02T02:00:01.000Z' });
      await deps.db('callbacks').where({ order_id: ids[1] }).update({ next_call_at: '2026-03-02T01:00:00.000Z' });
      await deps.db('callbacks').where({ order_id: ids[2] }).update({ state: 'unreachable' });

      const claim = await claimDueCallbacks(deps.db, NOW, 60_000, 5);
      expect(claim.rows.map((r) => r.order_id)).to.deep.equal([ids[1], ids[3]]);
      expect(claim.rows[0]).to.include({
        state: 'dialing',
        lease_token: claim.leaseToken,
        locked_until: '2026-03-02T02:01:00.000Z',
      });
      expect((await claimDueCallbacks(deps.db, NOW, 60_000, 5)).rows).to.deep.equal([]);
    } finally {
      await deps.db.destroy();
    }
  });

  it('when a lease passes without renewal, then the row is due again; a renewed one is not', async () => {
    const deps = await createTestDeps(NOW);
    try {
      const ids = await seedCallbacks(deps.db, 2);
      const claim = await claimDueCallbacks(deps.db, NOW, 60_000, 5);
      const renewed = claim.rows.find((r) => r.order_id === ids[0])!;
      expect(await renewLease(deps.db, renewed.id, claim.leaseToken, new Date(NOW.getTime() + 120_000))).to.equal(true);
      expect(await renewLease(deps.db, renewed.id, 'someone-else', new Date(NOW.getTime() + 120_000))).to.equal(false);

      const later = new Date(NOW.getTime() + 61_000);
      const released = await releaseExpiredLeases(deps.db, later);
      expect(released).to.have.length(1);
      const rows = await deps.db('callbacks').orderBy('order_id');
      const byOrder = Object.fromEntries(rows.map((r: { order_id: string; state: string }) => [r.order_id, r.state]));
      expect(byOrder).to.deep.equal({ [ids[0]]: 'dialing', [ids[1]]: 'scheduled' });
    } finally {
      await deps.db.destroy();
    }
  });
});
