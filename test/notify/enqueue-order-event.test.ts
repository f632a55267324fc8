import { expect } from 'chai';
import { TEST_PIN } from '../../sandbox-acquirer/test-cards';
import { enqueueOrderEvent } from '../../src/notify/enqueue-order-event';
import type { NotificationRow } from '../../src/store/notification-rows';
import type { OrderEvent } from '../../src/notify/order-event';
import { createTestDeps, type TestDeps } from '../helpers/test-db';
import { APPROVED, INSUFFICIENT, openShop, type Shop } from './notify-fixtures';
import { DEBIT } from '../helpers/test-cards';

const debit = { pan: DEBIT, kind: 'debit' as const, pin: TEST_PIN };
const URL = 'https://merchant.example/hooks?token=t1';

describe('notify/enqueue-order-event (the outbox written with the state change)', () => {
  let deps: TestDeps;
  let shop: Shop;
  const events = async (): Promise<NotificationRow[]> => deps.db('notifications').orderBy('created_at').orderBy('id');

  beforeEach(async () => {
    deps = await createTestDeps();
    shop = await openShop(deps);
  });
  afterEach(() => deps.db.destroy());

  it('when an order with a notify URL is paid, then one order.paid event is stored with the masked card', async () => {
    const orderId = await shop.orderInCall(URL);
    await shop.pay(orderId, 'call-1', debit, APPROVED);

    const rows = await events();
    expect(rows).to.have.length(1);
    expect(rows[0]).to.include({
      order_id: orderId,
      merchant_id: shop.merchantId,
      type: 'order.paid',
      url: URL,
      status: 'pending',
      attempts: 0,
    });
    expect(rows[0].id).to.match(/^evt_[0-9a-f]{20}$/);
    expect(rows[0].next_attempt_at).to.equal(deps.now().toISOString());
    const event = JSON.parse(rows[0].payload) as OrderEvent;
    expect(event).to.deep.equal({
      id: rows[0].id,
      type: 'order.paid',
      createdAt: deps.now().toISOString(),
      data: {
        id: orderId,
        merchantOrderId: 'A1',
        amount: 500,
        currency: 'CNY',
        status: 'paid',
        card: { masked: '621626*********0018', bank: 'pab', kind: 'debit' },
      },
    });
    // The call's release afterwards changes nothing, so no second event.
    await shop.orders.releaseAfterCall(orderId, 'call-1', 'abandoned');
    expect(await events()).to.have.length(1);
  });

  it('when a call ends declined or abandoned, then that event is stored with the reason', async () => {
    const declined = await shop.orderInCall(URL, 'call-1');
    await shop.pay(declined, 'call-1', debit, INSUFFICIENT);
    await shop.orders.releaseAfterCall(declined, 'call-1', 'declined');
    const abandoned = await shop.orderInCall(URL, 'call-2');
    await shop.orders.releaseAfterCall(abandoned, 'call-2', 'abandoned');

    const rows = await events();
    expect(rows.map((r) => [r.order_id, r.type])).to.have.deep.members([
      [declined, 'order.declined'],
      [abandoned, 'order.abandoned'],
    ]);
    const data = (JSON.parse(rows.find((r) => r.type === 'order.declined')!.payload) as OrderEvent).data;
    expect(data).to.include({ status: 'declined', declineReason: 'insufficient_funds' });
  });

  it('when calls are recovered after a restart or orders expire, then each order gets its event once', async () => {
    const stale = await shop.orderInCall(URL, 'call-1');
    expect(await shop.orders.recoverStaleCalls()).to.equal(1);
    const idle = await shop.orders.createOrder(shop.merchantId, {
      merchantOrderId: 'B1',
      amount: 700,
      notifyUrl: URL,
      expiresInSeconds: 60,
    });
    const lazy = await shop.orders.createOrder(shop.merchantId, {
      merchantOrderId: 'B2',
      amount: 800,
      notifyUrl: URL,
      expiresInSeconds: 60,
    });
    deps.advance(61_000);

    // Read first: lazy expiry stores the change, and its event, before the job gets there.
    expect((await shop.orders.getOrder(shop.merchantId, lazy.id)).status).to.equal('expired');
    expect(await shop.orders.expireDue()).to.equal(1);
    expect(await shop.orders.expireDue()).to.equal(0);

    const rows = await events();
    expect(rows.map((r) => [r.order_id, r.type])).to.have.deep.members([
      [stale, 'order.abandoned'],
      [lazy.id, 'order.expired'],
      [idle.id, 'order.expired'],
    ]);
  });

  it('when the merchant cancels an order, then order.cancelled is stored; a refused cancel stores nothing', async () => {
    const order = await shop.orders.createOrder(shop.merchantId, { merchantOrderId: 'C1', amount: 900, notifyUrl: URL });
    await shop.orders.cancelOrder(shop.merchantId, order.id);
    await shop.orders.cancelOrder(shop.merchantId, order.id).catch(() => undefined);

    const rows = await events();
    expect(rows.map((r) => [r.order_id, r.type])).to.deep.equal([[order.id, 'order.cancelled']]);
    expect((JSON.parse(rows[0].payload) as OrderEvent).data).to.include({ status: 'cancelled' });
  });

  it('when the order has no notify URL, then nothing is queued', async () => {
    const orderId = await shop.orderInCall(undefined);
    await shop.pay(orderId, 'call-1', debit, APPROVED);
    expect(await events()).to.deep.equal([]);
  });

  it('when the transaction that changed the order rolls back, then its event is gone too', async () => {
    const orderId = await shop.orderInCall(URL);
    const failure = await deps.store
      .transaction(async (tx) => {
        await tx.orders.releaseFromCall(orderId, 'call-1', 'abandoned', deps.now().toISOString());
        await enqueueOrderEvent(tx, orderId, 'order.abandoned', deps.now());
        throw new Error('crash before commit');
      })
      .catch((err: Error) => err.message);
    expect(failure).to.equal('crash before commit');
    expect(await events()).to.deep.equal([]);
  });

  it('when the outbox write fails, then the state change rolls back with it (no change without its event)', async () => {
    const orderId = await shop.orderInCall(URL);
    await deps.db.raw(`create trigger outbox_down before insert on notifications begin select raise(abort, 'outbox down'); end`);

    const error = await shop.orders.releaseAfterCall(orderId, 'call-1', 'abandoned').catch((err: Error) => err);
    expect(String(error)).to.include('outbox down');
    const order = await deps.db('orders').where({ id: orderId }).first();
    expect(order?.status).to.equal('in_call');
  });
});
