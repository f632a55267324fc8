import { expect } from 'chai';
import { TEST_CARDS, TEST_CVN2, TEST_EXPIRY_MMYY, TEST_HOLDER, TEST_PIN } from '../../sandbox-acquirer/test-cards';
import { retryCeilingMs } from '../../src/notify/backoff';
import { createNotificationDeliverer, type DelivererDeps } from '../../src/notify/deliver';
import type { OrderEvent } from '../../src/notify/order-event';
import type { NotificationRow } from '../../src/store/notification-rows';
import { verifyIvrpaySignature } from '../../src/notify/verify-signature';
import { webhookTargetCheck } from '../../src/notify/webhook-target';
import { captureLog } from '../ari/capture-log';
import { createTestDeps, dumpAllTables, type TestDeps, describeEachStore } from '../helpers/test-db';
import { APPROVED, INSUFFICIENT, openShop, type Shop } from './notify-fixtures';
import { startWebhookReceiver, type WebhookReceiver } from './webhook-receiver';
import { CREDIT, DEBIT } from '../helpers/test-cards';

const debit = { pan: DEBIT, kind: 'debit' as const, pin: TEST_PIN };
const credit = { pan: CREDIT, kind: 'credit' as const, cvn2: TEST_CVN2, expiryMmyy: TEST_EXPIRY_MMYY };

describeEachStore('notify/deliver', () => {
  let deps: TestDeps;
  let shop: Shop;
  let receiver: WebhookReceiver;

  const deliverer = (extra: Partial<DelivererDeps> = {}) =>
    createNotificationDeliverer({ ...deps, secretBox: shop.box, random: () => 0.5, ...extra });
  const rows = async (): Promise<NotificationRow[]> => deps.db('notifications').orderBy('created_at').orderBy('id');
  const nowSeconds = () => Math.floor(deps.now().getTime() / 1000);
  async function paidOrder(): Promise<string> {
    const orderId = await shop.orderInCall(receiver.url);
    await shop.pay(orderId, 'call-1', debit, APPROVED);
    return orderId;
  }

  beforeEach(async () => {
    deps = await createTestDeps();
    shop = await openShop(deps);
    receiver = await startWebhookReceiver();
  });
  afterEach(async () => {
    await receiver.close();
    await deps.db.destroy();
  });

  it('when an event is due, then it is POSTed once, signed with the merchant secret, and marked delivered', async () => {
    const orderId = await paidOrder();

    expect(await deliverer().deliverDue()).to.deep.equal({ delivered: 1, retrying: 0, failed: 0 });

    expect(receiver.received).to.have.length(1);
    const [req] = receiver.received;
    const [row] = await rows();
    expect(req.method).to.equal('POST');
    expect(req.path).to.equal('/hooks/ivrpay');
    expect(req.headers['content-type']).to.equal('application/json');
    expect(req.headers['ivrpay-event-id']).to.equal(row.id);
    expect(req.rawBody).to.equal(row.payload);
    expect(JSON.parse(req.rawBody)).to.deep.include({ id: row.id, type: 'order.paid' });
    expect((JSON.parse(req.rawBody) as OrderEvent).data).to.include({ id: orderId, status: 'paid' });
    expect(req.headers['ivrpay-signature']).to.match(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(
      verifyIvrpaySignature(req.rawBody, req.headers['ivrpay-signature'], shop.webhookSecret, { nowSeconds: nowSeconds() }),
    ).to.equal(true);
    expect(
      verifyIvrpaySignature(req.rawBody, req.headers['ivrpay-signature'], 'whsec_other', { nowSeconds: nowSeconds() }),
    ).to.equal(false);
    expect(row).to.include({
      status: 'delivered',
      attempts: 1,
      delivered_at: deps.now().toISOString(),
      locked_until: null,
      last_error: null,
    });

    expect(await deliverer().deliverDue()).to.deep.equal({ delivered: 0, retrying: 0, failed: 0 });
    expect(receiver.received).to.have.length(1);
  });

  it('when the endpoint answers 500, then the event is retried after a jittered backoff with the same id and body', async () => {
    await paidOrder();
    receiver.respondWith((_req, res) => res.writeHead(500).end('oops'));

    expect(await deliverer().deliverDue()).to.deep.equal({ delivered: 0, retrying: 1, failed: 0 });
    let [row] = await rows();
    expect(row).to.include({ status: 'pending', attempts: 1, last_error: 'HTTP 500', locked_until: null });
    // random 0.5 → half of the first ceiling (1 min).
    expect(Date.parse(row.next_attempt_at) - deps.now().getTime()).to.equal(30_000);

    deps.advance(29_000);
    expect(await deliverer().deliverDue()).to.deep.equal({ delivered: 0, retrying: 0, failed: 0 });
    receiver.respondWith((_req, res) => res.writeHead(204).end());
    deps.advance(1_000);
    expect(await deliverer().deliverDue()).to.deep.equal({ delivered: 1, retrying: 0, failed: 0 });

    [row] = await rows();
    expect(row).to.include({ status: 'delivered', attempts: 2 });
    expect(receiver.received.map((r) => r.headers['ivrpay-event-id'])).to.deep.equal([row.id, row.id]);
    expect(receiver.received[1].rawBody).to.equal(receiver.received[0].rawBody);
    // A fresh timestamp on each try, so a retry is not taken for a replay.
    expect(
      verifyIvrpaySignature(receiver.received[1].rawBody, receiver.received[1].headers['ivrpay-signature'], shop.webhookSecret, {
        nowSeconds: nowSeconds(),
      }),
    ).to.equal(true);
  });

  it('when the endpoint does not answer in time, then the try is abandoned and retried later', async () => {
    await paidOrder();
    receiver.respondWith(() => undefined); // never answers

    const started = Date.now();
    expect(await deliverer({ timeoutMs: 200 }).deliverDue()).to.deep.equal({ delivered: 0, retrying: 1, failed: 0 });
    expect(Date.now() - started).to.be.lessThan(2_000);
    const [row] = await rows();
    expect(row).to.include({ status: 'pending', attempts: 1, last_error: 'timeout after 200 ms' });
    expect(Date.parse(row.next_attempt_at)).to.be.greaterThan(deps.now().getTime());
  });

  it('when the endpoint redirects or refuses the connection, then it is a failure to retry (redirects are not followed)', async () => {
    await paidOrder();
    receiver.respondWith((req, res) => {
      if (req.path === '/hooks/ivrpay') res.writeHead(302, { location: '/elsewhere' }).end();
      else res.writeHead(200).end();
    });
    await deliverer().deliverDue();
    expect(receiver.received.map((r) => r.path)).to.deep.equal(['/hooks/ivrpay']);
    expect((await rows())[0]).to.include({ status: 'pending', last_error: 'HTTP 302' });

    await receiver.close();
    deps.advance(3600_000);
    await deliverer().deliverDue();
    expect((await rows())[0].last_error).to.equal('network error: ECONNREFUSED');
  });

  it('when the endpoint keeps failing, then retries go on for more than 24 hours and the event ends failed', async () => {
    await paidOrder();
    const createdAt = deps.now().getTime();
    receiver.respondWith((_req, res) => res.writeHead(503).end());
    const slowest = deliverer({ random: () => 0.999999 });

    let row = (await rows())[0];
    for (let i = 0; i < 100 && row.status === 'pending'; i++) {
      deps.advance(Math.max(0, Date.parse(row.next_attempt_at) - deps.now().getTime()));
      await slowest.deliverDue();
      row = (await rows())[0];
      if (row.status === 'pending') {
        expect(Date.parse(row.next_attempt_at) - deps.now().getTime()).to.be.at.most(retryCeilingMs(row.attempts));
      }
    }
    expect(row.status).to.equal('failed');
    expect(deps.now().getTime() - createdAt).to.be.greaterThan(24 * 3600_000);
    expect(receiver.received).to.have.length(row.attempts);
    expect(row.attempts).to.be.greaterThan(25);
    expect(row.last_error).to.equal('HTTP 503');
  });

  it('when outcomes are logged, then lines name the event and host, never the payload, card, secret or URL path', async () => {
    const orderId = await shop.orderInCall(`${receiver.url}?token=merchant-token`);
    await shop.pay(orderId, 'call-1', debit, APPROVED);
    const { log, lines } = captureLog();
    receiver.respondWith((_req, res) => res.writeHead(500).end());
    await deliverer({ log }).deliverDue();
    receiver.respondWith((_req, res) => res.writeHead(200).end());
    deps.advance(3600_000);
    await deliverer({ log }).deliverDue();

    const logged = lines().map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(logged.map((l) => l.msg)).to.deep.equal(['notification not delivered; will retry', 'notification delivered']);
    const [row] = await rows();
    expect(logged[0]).to.include({
      eventId: row.id,
      orderId,
      type: 'order.paid',
      attempt: 1,
      httpStatus: 500,
      error: 'HTTP 500',
    });
    expect(logged[0].host).to.match(/^127\.0\.0\.1:\d+$/);
    const text = lines().join('\n');
    for (const hidden of ['621626*', '*0018', 'merchant-token', '/hooks', shop.webhookSecret, '"data"', 'v1=']) {
      expect(text).not.to.include(hidden);
    }
  });

  it('when the merchant has no webhook secret, then nothing is sent unsigned', async () => {
    await paidOrder();
    await deps.db('merchants').update({ webhook_secret: null });
    expect(await deliverer().deliverDue()).to.deep.equal({ delivered: 0, retrying: 1, failed: 0 });
    expect(receiver.received).to.deep.equal([]);
    expect((await rows())[0].last_error).to.match(/no webhook secret/);
  });

  it('when the notifyUrl reaches this machine and private networks are not allowed, then nothing is sent and the reason is kept', async () => {
    await paidOrder();
    const checkTarget = webhookTargetCheck({ allowPrivateNetworks: false });
    expect(await deliverer({ checkTarget }).deliverDue()).to.deep.equal({ delivered: 0, retrying: 1, failed: 0 });
    expect(receiver.received).to.deep.equal([]);
    expect((await rows())[0].last_error).to.match(/resolves to 127\.0\.0\.1, not a public address/);

    await deps.db('notifications').update({ next_attempt_at: deps.now().toISOString() });
    const allowed = webhookTargetCheck({ allowPrivateNetworks: true });
    expect(await deliverer({ checkTarget: allowed }).deliverDue()).to.deep.equal({ delivered: 1, retrying: 0, failed: 0 });
  });

  it('when the secret was rotated, then both secrets sign for 24 h, then only the new one', async () => {
    await paidOrder();
    const { webhookSecret: fresh } = await shop.merchants.rotateWebhookSecret(shop.merchantId);
    await deliverer().deliverDue();
    const first = receiver.received[0];
    expect(String(first.headers['ivrpay-signature']).split(',')).to.have.length(3);
    for (const secret of [fresh, shop.webhookSecret]) {
      expect(
        verifyIvrpaySignature(first.rawBody, first.headers['ivrpay-signature'], secret, { nowSeconds: nowSeconds() }),
      ).to.equal(true);
    }

    deps.advance(24 * 3600_000 + 1);
    await paidOrder();
    await deliverer().deliverDue();
    const second = receiver.received[1];
    expect(
      verifyIvrpaySignature(second.rawBody, second.headers['ivrpay-signature'], fresh, { nowSeconds: nowSeconds() }),
    ).to.equal(true);
    expect(
      verifyIvrpaySignature(second.rawBody, second.headers['ivrpay-signature'], shop.webhookSecret, { nowSeconds: nowSeconds() }),
    ).to.equal(false);
  });

  const typeOf = (req: { rawBody: string }) => (JSON.parse(req.rawBody) as OrderEvent).type;

  it('when two events of one order are due together, then the later is sent only once the earlier is answered, in the same run', async () => {
    await shop.orderAbandonedThenCancelled(receiver.url);
    const log: string[] = [];
    // The first answers slowly: sent in parallel, the second would arrive before that answer.
    receiver.respondWith((req, res) => {
      log.push(`arrived ${typeOf(req)}`);
      setTimeout(() => {
        log.push(`answered ${typeOf(req)}`);
        res.writeHead(200).end();
      }, 100);
    });

    expect(await deliverer().deliverDue()).to.deep.equal({ delivered: 2, retrying: 0, failed: 0 });

    expect(log).to.deep.equal([
      'arrived order.abandoned',
      'answered order.abandoned',
      'arrived order.cancelled',
      'answered order.cancelled',
    ]);
  });

  it('when the earlier event of an order fails, then it holds the later one back for its first try only', async () => {
    await shop.orderAbandonedThenCancelled(receiver.url);
    receiver.respondWith((req, res) => res.writeHead(typeOf(req) === 'order.abandoned' ? 500 : 200).end());

    expect(await deliverer().deliverDue()).to.deep.equal({ delivered: 1, retrying: 1, failed: 0 });

    expect(receiver.received.map(typeOf)).to.deep.equal(['order.abandoned', 'order.cancelled']);
    expect((await rows()).map((r) => [r.type, r.status])).to.deep.equal([
      ['order.abandoned', 'pending'],
      ['order.cancelled', 'delivered'],
    ]);
  });

  it('when cards were paid and declined, then no payload, stored row or header holds a card number, PIN, CVN2 or expiry', async () => {
    const declinedThenPaid = await shop.orderInCall(receiver.url, 'call-1');
    await shop.pay(declinedThenPaid, 'call-1', debit, INSUFFICIENT);
    await shop.pay(declinedThenPaid, 'call-1', credit, APPROVED);
    const declined = await shop.orderInCall(receiver.url, 'call-2');
    await shop.pay(declined, 'call-2', credit, INSUFFICIENT);
    await shop.orders.releaseAfterCall(declined, 'call-2', 'declined');
    await deliverer().deliverDue();

    expect(receiver.received).to.have.length(2);
    const wire = receiver.received.map((r) => JSON.stringify(r.headers) + r.rawBody).join('\n');
    const stored = JSON.stringify(await deps.db('notifications'));
    const everything = JSON.stringify(await dumpAllTables(deps.db));
    for (const card of TEST_CARDS) expect(everything).not.to.include(card.pan);
    const yymm = TEST_EXPIRY_MMYY.slice(2) + TEST_EXPIRY_MMYY.slice(0, 2);
    for (const text of [wire, stored]) {
      for (const card of TEST_CARDS) expect(text).not.to.include(card.pan);
      for (const secretValue of [TEST_PIN, TEST_EXPIRY_MMYY, yymm, TEST_HOLDER.idNumber, TEST_HOLDER.mobile]) {
        expect(text).not.to.match(new RegExp(`(?<![0-9])${secretValue}(?![0-9])`));
      }
      expect(text).not.to.match(/cvn2|"pin"|expiry|pinBlock/i);
    }
    for (const req of receiver.received) {
      const { data } = JSON.parse(req.rawBody) as OrderEvent;
      expect(Object.keys(data)).to.satisfy((keys: string[]) =>
        keys.every((k) => ['id', 'merchantOrderId', 'amount', 'currency', 'status', 'card', 'declineReason'].includes(k)),
      );
      expect(data.card?.masked).to.match(/^\d{6}\*+\d{4}$/);
      expect(Object.keys(data.card ?? {})).to.deep.equal(['masked', 'bank', 'kind']);
      // The CVN2 (3 digits) is too short to search for everywhere; it must not be in the payload's values.
      expect(JSON.stringify(data)).not.to.include(`"${TEST_CVN2}"`);
    }
  });
});
