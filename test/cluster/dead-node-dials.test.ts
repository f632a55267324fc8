import { expect } from 'chai';
import { settleDialsOf } from '../../src/cluster/dead-node-dials';
import { seedCallbacks } from '../helpers/seed-callbacks';
import { createTestDeps, describeEachStore, type TestDeps } from '../helpers/test-db';
import { FakeAriOps } from '../ari/fake-ari-ops';

const NOW = new Date('2026-03-02T02:00:00.000Z');
const REMINDERS = { maxPerOrder: 1, inboundNumber: '4008205588', signature: 'ivrpay' };

describeEachStore('cluster/settleDialsOf', () => {
  let deps: TestDeps;
  let ops: FakeAriOps;
  beforeEach(async () => {
    deps = await createTestDeps(NOW);
    ops = new FakeAriOps();
  });
  afterEach(() => deps.db.destroy());

  /** Three callbacks dialled by `node`'s dialer, each with its attempt a1, a2, a3 (an index per node). */
  async function dialledBy(node: string): Promise<string[]> {
    await seedCallbacks(deps.store, 3, NOW);
    const { rows } = await deps.store.callbacks.claimDue(NOW, 120_000, 3, node);
    const ids = rows.map((_, i) => `${node}-a${i + 1}`);
    for (const [i, row] of rows.entries()) {
      await deps.store.callbackAttempts.insert({
        id: ids[i],
        callback_id: row.id,
        order_id: row.order_id,
        started_at: NOW.toISOString(),
        outcome: 'dialing',
      });
    }
    return ids;
  }

  it("when a dead node's calls are partly still up, then one listing of Asterisk's channels settles the rest, and how many are up is returned", async () => {
    const [up, ...gone] = await dialledBy('node-b');
    ops.channels = [{ id: `cb-${up}`, appName: 'Stasis', appData: 'ivrpay-b,callback' }];
    expect(await settleDialsOf(ops, { ...deps, reminders: REMINDERS }, 'node-b')).to.equal(1);
    expect(ops.of('listChannels')).to.have.length(1);
    const open = await deps.db('callback_attempts').whereNull('ended_at').pluck('id');
    expect(open).to.deep.equal([up]);
    expect(await deps.db('callback_attempts').whereIn('id', gone).pluck('outcome')).to.deep.equal(['interrupted', 'interrupted']);
  });

  it("when only another node's callbacks are dialling, then nothing is asked of Asterisk and nothing changes", async () => {
    await dialledBy('node-a');
    expect(await settleDialsOf(ops, { ...deps, reminders: REMINDERS }, 'node-b')).to.equal(0);
    expect(ops.of('listChannels')).to.deep.equal([]);
    expect(await deps.db('callbacks').pluck('state')).to.deep.equal(['dialing', 'dialing', 'dialing']);
  });
});
