import { expect } from 'chai';
import { ARI_TEST_NODE_APPS } from '../../scripts/asterisk/asterisk-config';
import { connectSimulatedCaller, type SimulatedCaller } from '../../simulator/simulated-caller';
import { sandbox, sandboxAri } from '../ari/sandbox-asterisk';
import { startClusterNode, stopClusterNode, type ClusterNode } from '../helpers/cluster-node';
import { api, newOrder, TEST_APP, TEST_CONTEXT } from '../helpers/e2e-service';
import { createProcessStore, processStoreKind, type ProcessStore } from '../helpers/process-store';
import { creditPaymentKeys } from '../helpers/test-cards';

/**
 * Issue 12, "Node B starting while A has calls in progress: A's calls finish and are paid", end to end, on a fresh
 * PostgreSQL schema when PostgreSQL is reachable, as in CI, else a SQLite file (process-store.ts): node A (its
 * own process, app ivrpay-test-node-a) takes a call; at the card prompt node B starts on the same store (its start
 * runs the recovery of stale calls and joins the nodes), and A's caller goes on keying and pays.
 */
describe(`cluster: a node starting beside one with a call in progress, on ${processStoreKind} @e2e`, function () {
  this.timeout(180_000);
  const nodes: ClusterNode[] = [];
  let store: ProcessStore | undefined;
  let common: Record<string, string> = {};
  let caller: SimulatedCaller;

  before(async () => {
    store = await createProcessStore('node-join');
    common = { ...store.env, NODE_HEARTBEAT_MS: '2000', NODE_EXPIRY_MS: '6000' };
    await sandbox('start');
    nodes.push(await startClusterNode('node-join-a', { ...common, NODE_ID: 'join-a', ARI_APP: ARI_TEST_NODE_APPS[0] }));
    caller = await connectSimulatedCaller({ ...sandboxAri(), app: `${TEST_APP}-caller`, requestTimeoutMs: 5000 });
  });
  after(async () => {
    await caller?.close();
    await Promise.all(nodes.map(stopClusterNode));
    await store?.drop();
  });

  it('when node B starts while node A’s caller is keying, then A’s call goes on and is paid, and B takes none of it', async () => {
    const [a] = nodes;
    const { apiKey } = await a.call<{ apiKey: string }>('merchant');
    const order = await newOrder({ apiBase: a.apiBase, apiKey });

    let starting: Promise<{ node: ClusterNode; readyAt: number; callsOnA: number }> | undefined;
    const startB = async () => {
      const callsOnA = await a.call<number>('inboundCalls');
      const node = await startClusterNode('node-join-b', { ...common, NODE_ID: 'join-b', ARI_APP: ARI_TEST_NODE_APPS[1] });
      nodes.push(node);
      return { node, readyAt: Date.now(), callsOnA };
    };
    const result = await caller.call({
      endpoint: `Local/${order.payCode}@${TEST_CONTEXT}`,
      answers: creditPaymentKeys(),
      onAsked: (field) => {
        if (field === 'card') starting ??= startB();
      },
      timeoutMs: 90_000,
    });
    const endedAt = Date.now();
    if (!starting) expect.fail('the call never reached the card prompt');
    const b = await starting;
    console.log(`      node B was ready ${((endedAt - b.readyAt) / 1000).toFixed(1)} s before A's call ended`);

    expect(b.callsOnA).to.equal(1);
    expect(b.readyAt).to.be.below(endedAt);
    expect(result.fallback).to.equal(false);
    expect(result.promptsHeard).to.include('payment-success');
    expect((await api({ apiBase: b.node.apiBase, apiKey }, `/v1/orders/${order.id}`)).status).to.equal('paid');
    expect(await b.node.call<number>('inboundCalls')).to.equal(0);
  });
});
