import { expect } from 'chai';
import { createNotificationDeliverer } from '../../src/notify/deliver';
import { createNotificationAdmin, type NotificationAdmin } from '../../src/notify/notification-admin';
import { AppError } from '../../src/domain/app-error';
import { createTestDeps, type TestDeps } from '../helpers/test-db';
import { APPROVED, openShop, type Shop } from './notify-fixtures';
import { startWebhookReceiver, type WebhookReceiver } from './webhook-receiver';
import { DEBIT } from '../helpers/test-cards';

const debit = { pan: DEBIT, kind: 'debit' as const, pin: '123456' };

describe('notify/notification-admin', () => {
  let deps: TestDeps;
  let shop: Shop;
  let receiver: WebhookReceiver;
  let admin: NotificationAdmin;
  const deliverDue = () => createNotificationDeliverer({ ...deps, secretBox: shop.box, random: () => 0.5 }).deliverDue();

  async function paidOrder(callId: string): Promise<string> {
    const orderId = await shop.orderInCall(receiver.url, callId);
    await shop.pay(orderId, callId, debit, APPROVED);
    return orderId;
  }

  beforeEach(async () => {
    deps = await createTestDeps();
    shop = await openShop(deps);
    receiver = await startWebhookReceiver();
    admin = createNotificationAdmin(deps);
  });
  afterEach(async () => {
    await receiver.close();
    await deps.db.destroy();
  });

  it('when notifications are listed, then they show delivery state without payloads, filtered by order or failure', async () => {
    const a = await paidOrder('call-1');
    deps.advance(1000);
    const b = await paidOrder('call-2');
    await deps.db('notifications').where({ order_id: b }).update({ status: 'failed', last_error: 'HTTP 500' });

    const all = await admin.listNotifications();
    expect(all.map((n) => n.orderId)).to.deep.equal([b, a]);
    expect(all[0]).to.include({ type: 'order.paid', status: 'failed', lastError: 'HTTP 500', attempts: 0, url: receiver.url });
    expect(all[0]).not.to.have.property('payload');
    expect((await admin.listNotifications({ orderId: a })).map((n) => n.orderId)).to.deep.equal([a]);
    expect((await admin.listNotifications({ failed: true })).map((n) => n.orderId)).to.deep.equal([b]);
    expect(await admin.listNotifications({ limit: 1 })).to.have.length(1);
  });

  it('when a failed event is redelivered, then the next run sends it again with the same id and the attempt count goes on', async () => {
    await paidOrder('call-1');
    receiver.respondWith((_req, res) => res.writeHead(500).end());
    await deliverDue();
    const [event] = await admin.listNotifications();
    await deps.db('notifications').where({ id: event.id }).update({ status: 'failed' });
    deps.advance(27 * 3600_000);

    const redelivered = await admin.redeliver(event.id);
    expect(redelivered).to.include({ status: 'pending', attempts: 1, nextAttemptAt: deps.now().toISOString() });
    receiver.respondWith((_req, res) => res.writeHead(200).end());
    expect(await deliverDue()).to.deep.equal({ delivered: 1, retrying: 0, failed: 0 });

    expect(receiver.received.map((r) => r.headers['ivrpay-event-id'])).to.deep.equal([event.id, event.id]);
    expect((await admin.listNotifications())[0]).to.include({ status: 'delivered', attempts: 2 });
  });

  it('when a delivered event is redelivered, then it is sent once more (receivers dedupe on the event id)', async () => {
    await paidOrder('call-1');
    await deliverDue();
    const [event] = await admin.listNotifications();
    await admin.redeliver(event.id);
    await deliverDue();
    expect(receiver.received.map((r) => r.headers['ivrpay-event-id'])).to.deep.equal([event.id, event.id]);
  });

  it('when the event id is unknown, then not_found', async () => {
    const error = await admin.redeliver('evt_nope').catch((err: unknown) => err);
    expect(error).to.be.instanceOf(AppError);
    expect((error as AppError).code).to.equal('not_found');
  });
});
