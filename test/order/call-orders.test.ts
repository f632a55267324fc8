import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import pino from 'pino';
import { createMerchantService } from '../../src/services/merchant-service';
import { createOrderService, type OrderService } from '../../src/order/order-service';
import { openDb } from '../../src/store/db';
import { createStore } from '../../src/store/store';
import { migrateLatest } from '../../src/store/migrate';
import { startSecondProcess, stopSecondProcess } from '../helpers/second-process';
import { describeEachStore } from '../helpers/test-stores';
import { createTestDeps, type TestDeps } from '../helpers/test-db';

describeEachStore('order/call-orders (OrdersForCall of the order service)', () => {
  let deps: TestDeps;
  let orders: OrderService;
  let merchantId: string;

  async function newOrder(extra: { expiresInSeconds?: number; notifyUrl?: string } = {}) {
    return orders.createOrder(merchantId, { merchantOrderId: `A${Math.random()}`, amount: 12345, ...extra });
  }

  beforeEach(async () => {
    deps = await createTestDeps();
    orders = createOrderService({ ...deps, defaultExpiresSeconds: 1800 });
    merchantId = (await createMerchantService(deps).createMerchant('Acme Travel')).id;
  });
  afterEach(() => deps.db.destroy());

  it('when a call keys a payable order’s code, then it holds the order and hears merchant, amount and required fields', async () => {
    const order = await newOrder();
    const claim = await orders.claimByPayCode(order.payCode!, 'call-1');

    expect(claim).to.deep.equal({
      ok: true,
      order: {
        id: order.id,
        merchantId,
        merchantName: 'Acme Travel',
        amount: 12345,
        currency: 'CNY',
        requires: { idNumber: true, mobile: true },
        confirmCard: false,
        greetingLanguages: [],
      },
    });
    const read = await orders.getOrder(merchantId, order.id);
    expect(read.status).to.equal('in_call');
    expect(read.attempts).to.deep.equal([{ startedAt: '2026-03-01T08:00:00.000Z', outcome: 'in_call' }]);
  });

  it('when two calls claim one code at once, then exactly one holds the order', async () => {
    const order = await newOrder();
    const results = await Promise.all([
      orders.claimByPayCode(order.payCode!, 'call-1'),
      orders.claimByPayCode(order.payCode!, 'call-2'),
    ]);
    expect(results.filter((r) => r.ok)).to.have.length(1);
    expect(results.find((r) => !r.ok)).to.deep.equal({ ok: false, reason: 'in_call' });
  });

  it('when two processes claim one code at once on a file, then exactly one holds it and neither gets SQLITE_BUSY', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ivrpay-race-'));
    const file = path.join(dir, 'race.sqlite');
    const a = await openDb(file);
    await migrateLatest(a);
    const other = await startSecondProcess(file, deps.now());
    try {
      const log = pino({ level: 'silent' });
      const ordersA = createOrderService({ store: createStore(a), log, now: deps.now, defaultExpiresSeconds: 1800 });
      const mid = (await createMerchantService({ store: createStore(a), log, now: deps.now }).createMerchant('M')).id;
      const created = await Promise.all(
        Array.from({ length: 20 }, (_, i) => ordersA.createOrder(mid, { merchantOrderId: `R${i}`, amount: 1 })),
      );
      for (const order of created) {
        const results = await Promise.all([
          ordersA.claimByPayCode(order.payCode!, 'call-a'),
          other.call<{ ok: boolean }>('claimByPayCode', { payCode: order.payCode, callId: 'call-b' }),
        ]);
        expect(results.filter((r) => r.ok)).to.have.length(1);
      }
    } finally {
      await stopSecondProcess(other);
      await a.destroy();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('when a code is unknown or malformed, then the claim says unknown', async () => {
    expect(await orders.claimByPayCode('999999', 'call-1')).to.deep.equal({ ok: false, reason: 'unknown' });
    expect(await orders.claimByPayCode('12a', 'call-1')).to.deep.equal({ ok: false, reason: 'unknown' });
  });

  it('when the order has expired, then the claim says expired, also on later tries', async () => {
    const order = await newOrder({ expiresInSeconds: 60 });
    deps.advance(60_000);
    expect(await orders.claimByPayCode(order.payCode!, 'call-1')).to.deep.equal({ ok: false, reason: 'expired' });
    expect(await orders.claimByPayCode(order.payCode!, 'call-2')).to.deep.equal({ ok: false, reason: 'expired' });
    expect((await orders.getOrder(merchantId, order.id)).status).to.equal('expired');
  });

  it('when the order was paid, then its code says paid', async () => {
    const order = await newOrder();
    await deps.db('orders').where({ id: order.id }).update({ status: 'paid', pay_code: null, spent_pay_code: order.payCode });
    expect(await orders.claimByPayCode(order.payCode!, 'call-1')).to.deep.equal({ ok: false, reason: 'paid' });
  });

  it('when a call ends without paying, then the order is payable again with the same code and the attempt is closed', async () => {
    const order = await newOrder();
    await orders.claimByPayCode(order.payCode!, 'call-1');
    deps.advance(30_000);
    await orders.releaseAfterCall(order.id, 'call-1', 'abandoned');

    const read = await orders.getOrder(merchantId, order.id);
    expect(read.status).to.equal('abandoned');
    expect(read.payCode).to.equal(order.payCode);
    expect(read.attempts).to.deep.equal([
      { startedAt: '2026-03-01T08:00:00.000Z', endedAt: '2026-03-01T08:00:30.000Z', outcome: 'abandoned' },
    ]);
    expect((await orders.claimByPayCode(order.payCode!, 'call-2')).ok).to.equal(true);
  });

  it('when another call releases the order, then nothing changes', async () => {
    const order = await newOrder();
    await orders.claimByPayCode(order.payCode!, 'call-1');
    await orders.releaseAfterCall(order.id, 'call-2', 'declined');
    expect((await orders.getOrder(merchantId, order.id)).status).to.equal('in_call');
  });

  it('when a call ends declined, then the order reads declined and can be claimed again', async () => {
    const order = await newOrder();
    await orders.claimByPayCode(order.payCode!, 'call-1');
    await orders.releaseAfterCall(order.id, 'call-1', 'declined');
    expect((await orders.getOrder(merchantId, order.id)).status).to.equal('declined');
    expect((await orders.claimByPayCode(order.payCode!, 'call-2')).ok).to.equal(true);
  });

  it('when the process restarts with calls in progress, then those orders are abandoned and their attempts closed', async () => {
    const held = await newOrder();
    const idle = await newOrder();
    await orders.claimByPayCode(held.payCode!, 'call-1');

    expect(await orders.recoverStaleCalls()).to.equal(1);
    const read = await orders.getOrder(merchantId, held.id);
    expect(read.status).to.equal('abandoned');
    expect(read.attempts[0]).to.include({ outcome: 'abandoned', endedAt: '2026-03-01T08:00:00.000Z' });
    expect((await orders.getOrder(merchantId, idle.id)).status).to.equal('created');
  });

  it('when another node shares the store, then a restart abandons only this node’s calls, and their attempts alone end', async () => {
    const other = createOrderService({ ...deps, nodeId: 'node-b', defaultExpiresSeconds: 1800 });
    const mine = await newOrder();
    const theirs = await newOrder();
    await orders.claimByPayCode(mine.payCode!, 'call-1');
    await other.claimByPayCode(theirs.payCode!, 'call-2');

    expect(await orders.recoverStaleCalls()).to.equal(1);
    expect((await orders.getOrder(merchantId, mine.id)).status).to.equal('abandoned');
    const read = await orders.getOrder(merchantId, theirs.id);
    expect(read.status).to.equal('in_call');
    expect(read.attempts[0]).to.include({ outcome: 'in_call' });
    expect(read.attempts[0].endedAt).to.equal(undefined);
  });

  it('when a node is taken for dead, then its calls’ orders are abandoned with their events, once, and the live node’s stay', async () => {
    const other = createOrderService({ ...deps, nodeId: 'node-b', defaultExpiresSeconds: 1800 });
    const mine = await newOrder();
    const theirs = await newOrder({ notifyUrl: 'https://merchant.example/hook' });
    await orders.claimByPayCode(mine.payCode!, 'call-1');
    await other.claimByPayCode(theirs.payCode!, 'call-2');

    expect(await orders.takeOverCallsOf(['node-b'])).to.equal(1);
    expect(await orders.takeOverCallsOf(['node-b'])).to.equal(0);
    expect(await orders.takeOverCallsOf([])).to.equal(0);
    expect((await orders.getOrder(merchantId, theirs.id)).status).to.equal('abandoned');
    expect((await orders.getOrder(merchantId, mine.id)).status).to.equal('in_call');
    const events: Array<{ type: string }> = await deps.db('notifications').where({ order_id: theirs.id }).select('type');
    expect(events.map((e) => e.type)).to.deep.equal(['order.abandoned']);
  });

  it('when the sweep of ended calls runs, then it looks only at this node’s calls: another node’s are not in this Stasis app', async () => {
    const other = createOrderService({ ...deps, nodeId: 'node-b', defaultExpiresSeconds: 1800 });
    const theirs = await newOrder();
    await other.claimByPayCode(theirs.payCode!, 'call-elsewhere');

    expect(await orders.releaseEndedCalls(() => false)).to.equal(0);
    expect((await orders.getOrder(merchantId, theirs.id)).status).to.equal('in_call');
  });

  it('when an order was claimed before nodes were recorded (no node), then the first node to start recovers it', async () => {
    const old = await newOrder();
    await orders.claimByPayCode(old.payCode!, 'call-old');
    await deps.db('orders').where({ id: old.id }).update({ in_call_node: null });
    const starting = createOrderService({ ...deps, nodeId: 'node-c', defaultExpiresSeconds: 1800 });

    expect(await starting.recoverStaleCalls()).to.equal(1);
    expect((await orders.getOrder(merchantId, old.id)).status).to.equal('abandoned');
  });

  it('when a call has ended without releasing its order (its release failed), then the sweep releases it as abandoned with its event, and a live call keeps its order', async () => {
    const stuck = await newOrder({ notifyUrl: 'https://merchant.example/hook' });
    const live = await newOrder();
    await orders.claimByPayCode(stuck.payCode!, 'call-gone');
    await orders.claimByPayCode(live.payCode!, 'call-live');

    expect(await orders.releaseEndedCalls((callId) => callId === 'call-live')).to.equal(1);

    const read = await orders.getOrder(merchantId, stuck.id);
    expect(read.status).to.equal('abandoned');
    expect(read.attempts[0]).to.include({ outcome: 'abandoned' });
    expect((await orders.getOrder(merchantId, live.id)).status).to.equal('in_call');
    const events: Array<{ type: string }> = await deps.db('notifications').where({ order_id: stuck.id }).select('type');
    expect(events.map((e) => e.type)).to.deep.equal(['order.abandoned']);
    expect((await orders.claimByPayCode(stuck.payCode!, 'call-next')).ok).to.equal(true);
  });
});
