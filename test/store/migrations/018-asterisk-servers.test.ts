import { expect } from 'chai';
import type { Knex } from 'knex';
import { down, up } from '../../../src/store/migrations/018-asterisk-servers';
import { createStore, type Store } from '../../../src/store/store';
import { createMerchantService } from '../../../src/services/merchant-service';
import { createOrderService } from '../../../src/order/order-service';
import { createTestDeps, describeEachStore } from '../../helpers/test-db';

describeEachStore('store/migrations/018-asterisk-servers', () => {
  let db: Knex;
  let store: Store;
  let orderIds: string[];
  let now: Date;
  beforeEach(async () => {
    const deps = await createTestDeps();
    db = deps.db;
    store = createStore(db);
    now = deps.now();
    const merchant = await createMerchantService(deps).createMerchant('Acme');
    const orders = createOrderService({ ...deps, defaultExpiresSeconds: 1800 });
    orderIds = [];
    for (let i = 0; i < 4; i++) {
      const order = await orders.createOrder(merchant.id, {
        merchantOrderId: `S${i}`,
        amount: 100,
        mode: 'callback',
        phone: '13552535506',
      } as never);
      orderIds.push(order.id);
    }
  });
  afterEach(() => db.destroy());

  it('when claimed rows are named with their server, then the dialing count is per server, with rows naming none apart', async () => {
    const claim = await store.callbacks.claimDue(new Date(now.getTime() + 60_000), 120_000, 3);
    expect(claim.rows).to.have.length(3);
    await store.callbacks.assignServer(claim.rows[0].id, claim.leaseToken, 'pbx-a:8088');
    await store.callbacks.assignServer(claim.rows[1].id, claim.leaseToken, 'pbx-b:8088');
    await store.callbacks.assignServer(claim.rows[2].id, 'not-the-lease', 'pbx-b:8088');
    const counts = await store.callbacks.countDialingByServer(new Date(now.getTime() + 61_000).toISOString());
    expect(Object.fromEntries([...counts].map(([k, v]) => [String(k), v]))).to.deep.equal({
      'pbx-a:8088': 1,
      'pbx-b:8088': 1,
      null: 1,
    });
  });

  it('when rolled back and migrated again, then the columns go and come back empty, and every row stays', async () => {
    const claim = await store.callbacks.claimDue(new Date(now.getTime() + 60_000), 120_000, 1);
    await store.callbacks.assignServer(claim.rows[0].id, claim.leaseToken, 'pbx-a:8088');
    await down(db);
    expect(Object.keys(await db('callbacks').columnInfo())).not.to.include('asterisk_server');
    expect(Object.keys(await db('callback_attempts').columnInfo())).not.to.include('asterisk_server');
    await up(db);
    const rows = await db('callbacks').select('asterisk_server');
    expect(rows).to.have.length(4);
    expect(rows.every((r) => r.asterisk_server === null)).to.equal(true);
  });
});
