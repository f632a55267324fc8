import { expect } from 'chai';
import { settleDialsOf } from '../../src/cluster/dead-node-dials';
import { seedCallbacks } from '../helpers/seed-callbacks';
import { createTestDeps, describeEachStore, type TestDeps } from '../helpers/test-db';
import { FakeAriOps } from '../ari/fake-ari-ops';

const NOW = new Date('2026-03-02T02:00:00.000Z');
const REMINDERS = { maxPerOrder: 1, inboundNumber: '4008205588', signature: 'ivrpay' };

describeEachStore('cluster/settleDialsOf', () => {
  let deps: TestDeps;
  let pbx1: FakeAriOps;
  let pbx2: FakeAriOps;
  const servers = () => [
    { server: 'pbx-1:8088', ops: pbx1 },
    { server: 'pbx-2:8088', ops: pbx2 },
  ];
  beforeEach(async () => {
    deps = await createTestDeps(NOW);
    pbx1 = new FakeAriOps();
    pbx2 = new FakeAriOps();
  });
  afterEach(() => deps.db.destroy());

  /** Three callbacks dialled by `node`'s dialer, attempts `<node>-a1…a3`, placed on `server`. */
  async function dialledBy(node: string, server: string | null = 'pbx-1:8088'): Promise<string[]> {
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
        asterisk_server: server,
      });
    }
    return ids;
  }
  const settle = (node = 'node-b') => settleDialsOf(servers(), { ...deps, reminders: REMINDERS }, node);
  const open = () => deps.db('callback_attempts').whereNull('ended_at').orderBy('id').pluck('id');

  it("when a dead node's calls are partly still up, then one listing of their server's channels settles the rest, and how many are up is returned", async () => {
    const [up, ...gone] = await dialledBy('node-b');
    pbx1.channels = [{ id: `cb-${up}`, appName: 'Stasis', appData: 'ivrpay-b,callback' }];
    expect(await settle()).to.equal(1);
    expect(pbx1.of('listChannels')).to.have.length(1);
    expect(pbx2.of('listChannels'), 'the other server is not asked').to.have.length(0);
    expect(await open()).to.deep.equal([up]);
    expect(await deps.db('callback_attempts').whereIn('id', gone).pluck('outcome')).to.deep.equal(['interrupted', 'interrupted']);
  });

  it('when the server of the calls does not answer, then they count as up and wait: none is settled, so none is redialled', async () => {
    await dialledBy('node-b');
    pbx1.listChannels = () => Promise.reject(new Error('ECONNREFUSED'));
    expect(await settle()).to.equal(3);
    expect(await open()).to.have.length(3);
    expect(await deps.db('callbacks').pluck('state')).to.deep.equal(['dialing', 'dialing', 'dialing']);
  });

  it('when an attempt names no server, then every server is asked, and a call found on any is up', async () => {
    const [up] = await dialledBy('node-b', null);
    pbx2.channels = [{ id: `cb-${up}`, appName: 'Stasis', appData: 'ivrpay-b,callback' }];
    expect(await settle()).to.equal(1);
    expect(await open()).to.deep.equal([up]);
  });

  it("when only another node's callbacks are dialling, then nothing is asked of Asterisk and nothing changes", async () => {
    await dialledBy('node-a');
    expect(await settle()).to.equal(0);
    expect(pbx1.of('listChannels')).to.deep.equal([]);
    expect(await deps.db('callbacks').pluck('state')).to.deep.equal(['dialing', 'dialing', 'dialing']);
  });
});
