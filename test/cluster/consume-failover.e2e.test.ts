import fs from 'node:fs';
import { expect } from 'chai';
import { ARI_TEST_NODE_APPS } from '../../scripts/asterisk/asterisk-config';
import { TEST_HOLDER, TEST_PIN } from '../../sandbox-acquirer/test-cards';
import { connectSimulatedCaller, type SimulatedCaller } from '../../simulator/simulated-caller';
import { sandbox, sandboxAri } from '../ari/sandbox-asterisk';
import { startClusterNode, stopClusterNode, type ClusterNode } from '../helpers/cluster-node';
import { api, TEST_APP, TEST_CONTEXT, type MerchantApi } from '../helpers/e2e-service';
import { startMerchantEndpoint, type MerchantEndpoint } from '../helpers/merchant-endpoint';
import { startSharedAcquirer, type SharedAcquirer } from '../helpers/shared-acquirer';
import { SLOW_ANSWER } from '../helpers/test-cards';
import { testOutputFile } from '../helpers/test-output';
import { createProcessStore, processStoreKind, type ProcessStore } from '../helpers/process-store';

/** The slow-answer card is charged at once and its answer held this long: the node dies waiting for it. */
const ANSWER_HELD_MS = 120_000;
/** The acquirer's notification only after the test: the survivor must settle by its own query. */
const NOTIFICATION_AFTER_MS = 600_000;
/**
 * The survivor takes the dead node over within NODE_EXPIRY_MS + one heartbeat (8 s) and queries after UnionPay's first
 * delay (1 s); the room left is less than the minute between two runs of the recovery job, which must not be needed.
 */
const SETTLED_WITHIN_MS = 15_000;

/**
 * Issue 12, "kill -9 of node A after the consume was sent and before the answer was stored", end to end: two nodes
 * (separate processes, one store, the sandbox Asterisk) pay through ONE sandbox acquirer in the test's process
 * (ACQUIRER=acp), which holds the answer of the slow-answer card. Once the consume has reached it, the node holding
 * the call is killed with SIGKILL: its attempt is left `sending`, and the survivor, taking the dead node over, must
 * query it (src/payment/payment-recovery.ts), never send it again.
 */
describe(`cluster: a node killed while the acquirer holds its consume, on ${processStoreKind} @e2e`, function () {
  this.timeout(120_000);
  let store: ProcessStore | undefined;
  const nodes: ClusterNode[] = [];
  let acquirer: SharedAcquirer;
  let caller: SimulatedCaller;
  let merchantEndpoint: MerchantEndpoint;

  before(async () => {
    store = await createProcessStore('consume-failover');
    await sandbox('start');
    acquirer = await startSharedAcquirer('consume-failover', {
      slowAnswerMs: ANSWER_HELD_MS,
      notifyDelaysMs: [NOTIFICATION_AFTER_MS],
    });
    merchantEndpoint = await startMerchantEndpoint();
    const common = { ...acquirer.env, ...store.env, NODE_HEARTBEAT_MS: '2000', NODE_EXPIRY_MS: '6000' };
    for (const [i, app] of ARI_TEST_NODE_APPS.entries()) {
      const id = `consume-${'ab'[i]}`;
      nodes.push(await startClusterNode(`node-${id}`, { ...common, NODE_ID: id, ARI_APP: app }));
    }
    caller = await connectSimulatedCaller({ ...sandboxAri(), app: `${TEST_APP}-caller`, requestTimeoutMs: 5000 });
  });
  after(async () => {
    await caller?.close();
    await Promise.all(nodes.map(stopClusterNode));
    await merchantEndpoint?.close();
    await acquirer?.server.stop();
    await store?.drop();
  });

  it('when the node holding a call is killed after its consume reached the acquirer, then the survivor queries and settles it: the order is paid once, after one consume, and the merchant told once', async () => {
    const { apiKey } = await nodes[0].call<{ apiKey: string }>('merchant');
    const order = await api({ apiBase: nodes[0].apiBase, apiKey }, '/v1/orders', {
      merchantOrderId: `CF${Date.now()}`,
      amount: 4200,
      currency: 'CNY',
      mode: 'inbound',
      notifyUrl: merchantEndpoint.url,
    });
    const consumes = () => Object.values(acquirer.server.stats().consumesByOrderId);

    let callEnded = false;
    const calling = caller
      .call({
        endpoint: `Local/${order.payCode}@${TEST_CONTEXT}`,
        answers: {
          card: `${SLOW_ANSWER}#`,
          pin: `${TEST_PIN}#`,
          id: `${TEST_HOLDER.idNumber}#`,
          mobile: `${TEST_HOLDER.mobile}#`,
          confirm: '1',
        },
        timeoutMs: 60_000,
      })
      .finally(() => (callEnded = true));
    await waitUntil(() => consumes().length > 0 || callEnded, 60_000);
    if (consumes().length === 0) expect.fail('the call ended before its consume reached the acquirer');

    const calls = await Promise.all(nodes.map((n) => n.call<number>('inboundCalls')));
    const killed = nodes[calls.indexOf(1)];
    killed.child.kill('SIGKILL');
    const killedAt = Date.now();
    await killed.exited;
    const survivor = nodes.find((n) => n !== killed) as ClusterNode;
    const merchant: MerchantApi = { apiBase: survivor.apiBase, apiKey };

    let status = '';
    await waitUntil(async () => (status = (await api(merchant, `/v1/orders/${order.id}`)).status) === 'paid', SETTLED_WITHIN_MS);
    const settledMs = Date.now() - killedAt;
    // The merchant's events are delivered every 10 s.
    const types = () => merchantEndpoint.received.map((r) => (JSON.parse(r.body) as { type: string }).type);
    await waitUntil(() => types().includes('order.paid'), 15_000);
    const result = await calling;
    console.log(
      `      ${killed.name} killed with the consume at the acquirer: ${survivor.name} settled it ${settledMs} ms later`,
    );

    expect(result.fieldsAsked).to.deep.equal(['card', 'pin', 'id', 'mobile', 'confirm']);
    expect(result.fallback).to.equal(true);
    expect(status).to.equal('paid');
    expect(settledMs).to.be.below(SETTLED_WITHIN_MS);
    const survivorLog = fs
      .readFileSync(testOutputFile(`${survivor.name}.log`), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as { msg: string; state?: string; outcome?: string });
    const said = (msg: string) => survivorLog.filter((line) => line.msg === msg);
    expect(said('recovering a payment by query').map((line) => line.state)).to.deep.equal(['sending']);
    expect(said('payment recovered').map((line) => line.outcome)).to.deep.equal(['approved']);
    expect(consumes()).to.deep.equal([1]);
    // Released with the dead node's call, then found paid: told in that order (an order's events go one at a time).
    expect(types()).to.deep.equal(['order.abandoned', 'order.paid']);
  });
});

/** Polls `done` every 50 ms until it holds or `timeoutMs` has passed. */
async function waitUntil(done: () => boolean | Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await done()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
}
