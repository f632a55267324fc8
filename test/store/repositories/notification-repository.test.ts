import { expect } from 'chai';
import pino from 'pino';
import type { Knex } from 'knex';
import { createNotificationDeliverer } from '../../../src/notify/deliver';
import type { NotificationRow } from '../../../src/store/notification-rows';
import { createStore, type Store } from '../../../src/store/store';
import { describeEachStore, openTwoTestDbs } from '../../helpers/test-db';
import { APPROVED, openShop, type Shop } from '../../notify/notify-fixtures';
import { startWebhookReceiver, type WebhookReceiver } from '../../notify/webhook-receiver';
import { DEBIT } from '../../helpers/test-cards';

const debit = { pan: DEBIT, kind: 'debit' as const, pin: '123456' };

/**
 * F10: two deliverers over one store, each with its own connection (SQLite) or pool (PostgreSQL), as two processes
 * (or two overlapping cron runs, or two nodes) would be. The lease decides who sends each event.
 */
describeEachStore('store/notification-repository: claimDue (leases: no event sent twice at once)', () => {
  let first: Knex;
  let second: Knex;
  let receiver: WebhookReceiver;
  let shop: Shop;
  let current = Date.parse('2026-03-01T08:00:00.000Z');
  const now = () => new Date(current);
  const log = pino({ level: 'silent' });
  const notifications = (db: Knex): Store['notifications'] => createStore(db).notifications;

  beforeEach(async () => {
    [first, second] = await openTwoTestDbs('notify-leases.sqlite');
    receiver = await startWebhookReceiver();
    shop = await openShop({ db: first, store: createStore(first), log, now, advance: (ms) => (current += ms) });
  });
  afterEach(async () => {
    await receiver.close();
    await first.destroy();
    await second.destroy();
  });

  async function paidOrders(count: number): Promise<void> {
    for (let i = 0; i < count; i++) {
      const orderId = await shop.orderInCall(receiver.url, `call-${i}`);
      await shop.pay(orderId, `call-${i}`, debit, APPROVED);
    }
  }

  it('when two deliverers on two connections run at once, then every event is sent exactly once', async () => {
    await paidOrders(12);
    // A slow endpoint keeps both runs busy at the same time.
    receiver.respondWith((_req, res) => setTimeout(() => res.writeHead(200).end(), 50));
    const make = (db: Knex) =>
      createNotificationDeliverer({ store: createStore(db), log, now, secretBox: shop.box, batchSize: 3 });

    const [a, b] = await Promise.all([make(first).deliverDue(), make(second).deliverDue()]);

    const ids = receiver.received.map((r) => r.headers['ivrpay-event-id']);
    expect(ids).to.have.length(12);
    expect(new Set(ids).size).to.equal(12);
    expect(a.delivered + b.delivered).to.equal(12);
    const rows: NotificationRow[] = await first('notifications');
    expect(rows.every((r) => r.status === 'delivered' && r.attempts === 1)).to.equal(true);
  });

  it('when a deliverer holds a lease, then another skips the event until the lease runs out (a crashed deliverer)', async () => {
    await paidOrders(1);
    const crashed = await notifications(first).claimDue(now(), 60_000, 10);
    expect(crashed.rows).to.have.length(1);
    const other = createNotificationDeliverer({ store: createStore(second), log, now, secretBox: shop.box, leaseMs: 60_000 });

    expect((await other.deliverDue()).delivered).to.equal(0);
    expect(await notifications(second).claimDue(now(), 60_000, 10))
      .to.have.property('rows')
      .with.lengthOf(0);
    current += 60_000;
    expect((await other.deliverDue()).delivered).to.equal(1);
    expect(receiver.received).to.have.length(1);
  });

  it('when an earlier event of an order is leased and not yet tried, then no claimer on any connection takes the later one', async () => {
    await shop.orderAbandonedThenCancelled(receiver.url);
    await paidOrders(1); // another order's event, never held back
    const typesOf = (claim: { rows: NotificationRow[] }) => claim.rows.map((r) => r.type);

    const earlier = await notifications(first).claimDue(now(), 60_000, 10);
    expect(typesOf(earlier).sort()).to.deep.equal(['order.abandoned', 'order.paid']);
    expect(typesOf(await notifications(second).claimDue(now(), 60_000, 10))).to.deep.equal([]);

    const abandoned = earlier.rows.find((r) => r.type === 'order.abandoned') as NotificationRow;
    const tried = { attempts: 1, status: 'pending' as const, next_attempt_at: new Date(current + 60_000).toISOString() };
    expect(await notifications(first).recordDelivery(abandoned.id, earlier.leaseToken, tried)).to.equal(true);
    expect(typesOf(await notifications(second).claimDue(now(), 60_000, 10))).to.deep.equal(['order.cancelled']);
  });

  it('when a lease ran out and another deliverer claimed the event, then the old lease token no longer matches it', async () => {
    await paidOrders(1);
    const stale = await notifications(first).claimDue(now(), 1_000, 10);
    current += 1_000;
    const fresh = await notifications(second).claimDue(now(), 60_000, 10);
    expect(fresh.rows.map((r) => r.id)).to.deep.equal(stale.rows.map((r) => r.id));

    const staleUpdate = await first('notifications')
      .where({ id: stale.rows[0].id, lease_token: stale.leaseToken })
      .update({ status: 'failed' });
    expect(staleUpdate).to.equal(0);
  });
});
