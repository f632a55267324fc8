import { expect } from 'chai';
import { joinNodes, type Membership, type MembershipDeps } from '../../src/cluster/node-membership';
import { describeEachStore } from '../helpers/test-stores';
import { createTestDeps, type TestDeps } from '../helpers/test-db';

const NODE = { id: 'node-a', heartbeatMs: 60_000, expiryMs: 15_000 };

describeEachStore('cluster/node-membership', () => {
  let deps: TestDeps;
  let taken: string[][];
  let released: string[];
  const joined: Membership[] = [];

  function join(over: Partial<MembershipDeps> = {}): Promise<Membership> {
    return joinNodes({
      store: deps.store,
      log: deps.log,
      now: deps.now,
      node: NODE,
      takeOver: (ids) => {
        taken.push(ids);
        return Promise.resolve(ids.length);
      },
      host: 'host-1',
      pid: 100,
      isAlive: () => false,
      app: 'ivrpay-a',
      releaseCallers: (app) => {
        released.push(app);
        return Promise.resolve(1);
      },
      ...over,
    }).then((m) => {
      joined.push(m);
      return m;
    });
  }

  beforeEach(async () => {
    deps = await createTestDeps();
    taken = [];
    released = [];
  });
  afterEach(async () => {
    for (const m of joined.splice(0)) await m.leave();
    await deps.db.destroy();
  });

  it('when a node joins, then its row records host, pid, start, heartbeat and Stasis app', async () => {
    await join();
    expect(await deps.store.nodes.find('node-a')).to.deep.equal({
      id: 'node-a',
      host: 'host-1',
      pid: 100,
      started_at: '2026-03-01T08:00:00.000Z',
      heartbeat_at: '2026-03-01T08:00:00.000Z',
      app: 'ivrpay-a',
    });
  });

  it('when a live node on another host has this NODE_ID, then joining is refused with a clear error', async () => {
    await join({ host: 'host-2', pid: 7 });
    deps.advance(5_000);
    const err = await join().then(
      () => expect.fail('should have been refused'),
      (e: Error & { code?: string }) => e,
    );
    expect(err.code).to.equal('config_invalid');
    expect(err.message).to.equal(
      'NODE_ID node-a is in use by a running node (host-2, pid 7, last heartbeat 5 s ago): give each node its own NODE_ID',
    );
  });

  it('when a running process on this host has this NODE_ID, then joining is refused; when that pid is gone, it is a restart', async () => {
    await join({ pid: 7 });
    const refused = await join({ isAlive: (pid) => pid === 7 }).then(
      () => false,
      () => true,
    );
    expect(refused).to.equal(true);
    await join({ isAlive: () => false });
    expect((await deps.store.nodes.find('node-a'))?.pid).to.equal(100);
  });

  it('when the node with this id went silent longer than the expiry, then another host may take the id', async () => {
    await join({ host: 'host-2', pid: 7 });
    deps.advance(16_000);
    await join();
    expect((await deps.store.nodes.find('node-a'))?.host).to.equal('host-1');
  });

  it('when a beat runs, then the heartbeat moves on and a live node is left alone', async () => {
    const a = await join();
    await join({ node: { ...NODE, id: 'node-b' }, pid: 200 });
    deps.advance(10_000);
    await a.tick();
    expect((await deps.store.nodes.find('node-a'))?.heartbeat_at).to.equal('2026-03-01T08:00:10.000Z');
    expect(taken).to.deep.equal([]);
  });

  it('when another node is silent past the expiry, then its calls are taken over once and its row removed', async () => {
    const a = await join();
    await join({ node: { ...NODE, id: 'node-b' }, pid: 200 });
    deps.advance(16_000);
    await a.tick();
    await a.tick();
    expect(taken).to.deep.equal([['node-b']]);
    expect(await deps.store.nodes.find('node-b')).to.equal(undefined);
  });

  it('when another node is silent past the expiry, then the callers left in its app are released, once', async () => {
    const a = await join();
    await join({ node: { ...NODE, id: 'node-b' }, pid: 200, app: 'ivrpay-b' });
    deps.advance(16_000);
    await a.tick();
    await a.tick();
    expect(released).to.deep.equal(['ivrpay-b']);
  });

  it('when releasing its callers fails, then its row stays and the next beat tries again', async () => {
    let fail = true;
    const a = await join({
      releaseCallers: (app) => {
        released.push(app);
        return fail ? Promise.reject(new Error('ARI down')) : Promise.resolve(0);
      },
    });
    await join({ node: { ...NODE, id: 'node-b' }, pid: 200, app: 'ivrpay-b' });
    deps.advance(16_000);
    const err = await a.tick().then(
      () => undefined,
      (e: Error) => e,
    );
    expect(err?.message).to.equal('ARI down');
    expect(await deps.store.nodes.find('node-b')).not.to.equal(undefined);
    fail = false;
    await a.tick();
    expect(released).to.deep.equal(['ivrpay-b', 'ivrpay-b']);
    expect(await deps.store.nodes.find('node-b')).to.equal(undefined);
  });

  it('when a dead node still has callbacks in a call, then its row stays until none is, settled after its callers are released', async () => {
    const order: string[] = [];
    const inCall = [2, 1, 0];
    const a = await join({
      releaseCallers: (app) => {
        order.push(`callers ${app}`);
        return Promise.resolve(1);
      },
      settleDials: (id) => {
        order.push(`dials ${id}`);
        return Promise.resolve(inCall.shift() ?? 0);
      },
    });
    await join({ node: { ...NODE, id: 'node-b' }, pid: 200, app: 'ivrpay-b' });
    deps.advance(16_000);
    await a.tick();
    await a.tick();
    expect(await deps.store.nodes.find('node-b')).not.to.equal(undefined);
    await a.tick();
    expect(await deps.store.nodes.find('node-b')).to.equal(undefined);
    expect(order).to.deep.equal([
      'callers ivrpay-b',
      'dials node-b',
      'callers ivrpay-b',
      'dials node-b',
      'callers ivrpay-b',
      'dials node-b',
    ]);
  });

  it("when a dead node had this node's own app (one ARI_APP given to two nodes), then its channels, this node's calls, stay", async () => {
    const a = await join();
    await join({ node: { ...NODE, id: 'node-b' }, pid: 200 });
    deps.advance(16_000);
    await a.tick();
    expect(taken).to.deep.equal([['node-b']]);
    expect(released).to.deep.equal([]);
  });

  it('when a dead node has no app recorded (a row from before migration 017), then only its orders are released', async () => {
    const a = await join();
    await join({ node: { ...NODE, id: 'node-b' }, pid: 200, app: undefined });
    deps.advance(16_000);
    await a.tick();
    expect(taken).to.deep.equal([['node-b']]);
    expect(released).to.deep.equal([]);
  });

  it('when the store was unreachable for a beat (PostgreSQL restarted), then no node is taken for dead until the store has answered for an expiry', async () => {
    let unreachable = false;
    const nodes = deps.store.nodes;
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:54329'), { code: 'ECONNREFUSED' });
    const a = await join({
      store: { nodes: { ...nodes, beat: (id, at) => (unreachable ? Promise.reject(refused) : nodes.beat(id, at)) } },
    });
    await join({ node: { ...NODE, id: 'node-b' }, pid: 200 });
    unreachable = true;
    deps.advance(2_000);
    await a.tick().catch(() => undefined);
    unreachable = false;
    deps.advance(14_000);
    await a.tick();
    expect(taken, 'node-b could not beat either').to.deep.equal([]);
    deps.advance(14_000);
    await a.tick();
    expect(taken).to.deep.equal([]);
    deps.advance(1_000);
    await a.tick();
    expect(taken, 'node-b silent a whole expiry since the store came back').to.deep.equal([['node-b']]);
  });

  it('when a node leaves, then the others take over what it left at their next beat, without waiting for the expiry', async () => {
    const a = await join();
    const b = await join({ node: { ...NODE, id: 'node-b' }, pid: 200 });
    await b.leave();
    deps.advance(1_000);
    await a.tick();
    expect(taken).to.deep.equal([['node-b']]);
  });

  it('when this node finds its own row gone (taken for dead while paused), then it writes it again', async () => {
    const a = await join();
    await deps.db('nodes').where({ id: 'node-a' }).delete();
    deps.advance(1_000);
    await a.tick();
    expect((await deps.store.nodes.find('node-a'))?.heartbeat_at).to.equal('2026-03-01T08:00:01.000Z');
  });

  it('when the heartbeat timer fires, then it beats on its own', async () => {
    await join({ node: { ...NODE, heartbeatMs: 200 } });
    deps.advance(3_000);
    await new Promise((resolve) => setTimeout(resolve, 450));
    expect((await deps.store.nodes.find('node-a'))?.heartbeat_at).to.equal('2026-03-01T08:00:03.000Z');
  });
});
