import { expect } from 'chai';
import type { AbandonedCallSmsSettings } from '../../src/callback/abandoned-call-sms';
import { createCallOrders, type CallOrders } from '../../src/order/call-orders';
import { createOrderService, type OrderService } from '../../src/order/order-service';
import { createMerchantService, type MerchantService } from '../../src/services/merchant-service';
import { createSmsService, type SmsService } from '../../src/services/sms-service';
import type { SmsMessage } from '../../src/sms/sms-port';
import type { SmsRow } from '../../src/store/callback-rows';
import { captureLog } from '../ari/capture-log';
import { createTestDeps, type TestDeps } from '../helpers/test-db';

const MOBILE = '13812345678';
const SETTINGS: AbandonedCallSmsSettings = {
  maxPerOrder: 1,
  inboundNumber: '4008205588',
  signature: 'ivrpay',
  abandonedCallDelayMs: 120_000,
};
const MINUTE = 60_000;

/** The order side of the call script over a real store, and the SMS sender with a gateway that records. */
describe('callback/abandoned-call-sms (an inbound caller who leaves an order unpaid)', () => {
  let deps: TestDeps;
  let lines: () => string[];
  let merchants: MerchantService;
  let orders: OrderService;
  let merchantId: string;
  let sent: SmsMessage[];
  let sender: SmsService;
  let calls: number;

  function callOrders(settings: AbandonedCallSmsSettings = SETTINGS): CallOrders {
    return createCallOrders({ ...deps, log: captured.log, abandonedCallSms: settings });
  }
  let captured: ReturnType<typeof captureLog>;

  async function newOrder(expiresInSeconds = 1800): Promise<{ id: string; payCode: string }> {
    const order = await orders.createOrder(merchantId, { merchantOrderId: `A${++calls}`, amount: 12345, expiresInSeconds });
    return { id: order.id, payCode: order.payCode! };
  }

  /** One inbound call that claims the order by its pay code and hangs up. */
  async function abandon(order: { payCode: string }, callerNumber: string, settings = SETTINGS): Promise<void> {
    const co = callOrders(settings);
    const callId = `call-${++calls}`;
    const claim = await co.claimByPayCode(order.payCode, callId);
    if (!claim.ok) throw new Error(`not claimed: ${claim.reason}`);
    await co.releaseAfterCall(claim.order.id, callId, 'abandoned', { callerNumber });
  }

  const setClock = (iso: string) => deps.advance(Date.parse(iso) - deps.now().getTime());
  const smsRows = (orderId: string): Promise<SmsRow[]> => deps.db<SmsRow>('sms').where({ order_id: orderId });
  const logged = (reason: string) => lines().filter((l) => l.includes(`"reason":"${reason}"`));

  beforeEach(async () => {
    // 10:00 in Shanghai, within the default calling hours 08:00–21:00.
    deps = await createTestDeps(new Date('2026-03-02T02:00:00.000Z'));
    captured = captureLog();
    lines = captured.lines;
    merchants = createMerchantService(deps);
    orders = createOrderService({ ...deps, defaultExpiresSeconds: 1800 });
    merchantId = (await merchants.createMerchant('Acme 商城')).id;
    await merchants.setAbandonedCallSms(merchantId, true);
    sent = [];
    calls = 0;
    sender = createSmsService({
      ...deps,
      log: captured.log,
      sms: { send: (message) => (sent.push(message), Promise.resolve({ providerId: `gw-${sent.length}` })) },
    });
  });
  afterEach(() => deps.db.destroy());

  it('when a mobile caller hangs up, then one SMS with merchant, amount and pay code goes to that mobile after the delay', async () => {
    const order = await newOrder();
    await abandon(order, '+86 138-1234-5678');

    expect(await sender.sendDue(), 'not before the delay').to.deep.equal({ sent: 0, retrying: 0, failed: 0 });
    deps.advance(2 * MINUTE);
    expect(await sender.sendDue()).to.deep.equal({ sent: 1, retrying: 0, failed: 0 });
    deps.advance(60 * MINUTE);
    expect(await sender.sendDue()).to.deep.equal({ sent: 0, retrying: 0, failed: 0 });

    expect(sent).to.have.length(1);
    expect(sent[0].to).to.equal(MOBILE);
    expect(sent[0].text).to.equal(
      `【ivrpay】您在Acme 商城的订单待支付123.45元，请拨打4008205588并输入支付码${order.payCode}完成支付。`,
    );
    const [row] = await smsRows(order.id);
    expect(row).to.include({ status: 'sent', next_attempt_at: '2026-03-02T02:02:00.000Z' });
    const queued = lines().filter((l) => l.includes('SMS queued to the caller'));
    expect(queued).to.have.length(1);
    expect(queued[0]).to.include('"caller":"138****5678"');
    expect(lines().join('\n')).to.not.include(MOBILE);
  });

  it('when the caller ID is a landline or withheld, then nothing is queued and the log says why, the number masked', async () => {
    const order = await newOrder();
    await abandon(order, '021-62345678');
    await abandon(order, 'anonymous');
    await abandon(order, '');

    expect(await smsRows(order.id)).to.deep.equal([]);
    expect(logged('caller_id_not_mobile')).to.have.length(1);
    expect(logged('caller_id_not_mobile')[0]).to.include('"caller":"021****5678"');
    expect(logged('caller_id_withheld')).to.have.length(2);
    expect(lines().join('\n')).to.not.include('62345678');
  });

  it('when the merchant has not opted in (the default), then nothing is queued: merchant_opted_out', async () => {
    const other = (await merchants.createMerchant('Other shop')).id;
    expect((await merchants.listMerchants()).find((m) => m.id === other)).to.include({ abandonedCallSms: false });
    const order = await orders.createOrder(other, { merchantOrderId: 'O1', amount: 500 });
    await abandon({ payCode: order.payCode! }, MOBILE);

    expect(await smsRows(order.id)).to.deep.equal([]);
    expect(logged('merchant_opted_out')).to.have.length(1);
    expect(logged('merchant_opted_out')[0]).to.include('"caller":"138****5678"');
  });

  it('when the order already has SMS_MAX_PER_ORDER messages, then no more: sms_limit_reached', async () => {
    const order = await newOrder();
    await abandon(order, MOBILE, { ...SETTINGS, maxPerOrder: 0 });
    expect(await smsRows(order.id)).to.deep.equal([]);
    expect(logged('sms_limit_reached')).to.have.length(1);
  });

  it('when one order is abandoned in several calls, then at most SMS_MAX_PER_ORDER are queued, sent or not', async () => {
    const order = await newOrder();
    await abandon(order, MOBILE);
    deps.advance(3 * MINUTE);
    await sender.sendDue();
    await abandon(order, MOBILE);
    await abandon(order, '13900001111');
    expect(await smsRows(order.id)).to.have.length(1);
    expect(logged('sms_limit_reached')).to.have.length(2);

    const twice = await newOrder();
    for (let i = 0; i < 3; i++) await abandon(twice, MOBILE, { ...SETTINGS, maxPerOrder: 2 });
    expect(await smsRows(twice.id)).to.have.length(2);
  });

  it('when the order is paid between the hang-up and the send, then the SMS is not sent and the log says order_paid', async () => {
    const order = await newOrder();
    await abandon(order, MOBILE);
    await deps.db('orders').where({ id: order.id }).update({ status: 'paid', pay_code: null });

    deps.advance(2 * MINUTE);
    expect(await sender.sendDue()).to.deep.equal({ sent: 0, retrying: 0, failed: 1 });
    expect(sent).to.deep.equal([]);
    expect((await smsRows(order.id))[0]).to.include({ status: 'failed', attempts: 0, last_error: 'not sent: the order is paid' });
    expect(logged('order_paid')).to.have.length(1);
  });

  it('when the caller has called back and is paying when the SMS falls due, then it waits, and is not sent once paid', async () => {
    const order = await newOrder();
    await abandon(order, MOBILE);
    const co = callOrders();
    expect((await co.claimByPayCode(order.payCode, 'call-back')).ok).to.equal(true);

    deps.advance(2 * MINUTE);
    expect(await sender.sendDue()).to.deep.equal({ sent: 0, retrying: 1, failed: 0 });
    expect((await smsRows(order.id))[0]).to.include({ status: 'queued', attempts: 0 });
    await deps.db('orders').where({ id: order.id }).update({ status: 'paid', pay_code: null });
    deps.advance(MINUTE);
    expect(await sender.sendDue()).to.deep.equal({ sent: 0, retrying: 0, failed: 1 });
    expect(sent).to.deep.equal([]);
  });

  it('when the caller hangs up near or after the end of calling hours, then the SMS is due when they next open', async () => {
    // 20:59 in Shanghai: two minutes on is past 21:00.
    setClock('2026-03-02T12:59:00.000Z');
    const order = await newOrder(86_400);
    await abandon(order, MOBILE);
    const [row] = await smsRows(order.id);
    expect(row.next_attempt_at).to.equal('2026-03-03T00:00:00.000Z');

    setClock('2026-03-02T15:00:00.000Z');
    expect(await sender.sendDue(), '23:00, outside calling hours').to.deep.equal({ sent: 0, retrying: 0, failed: 0 });
    setClock('2026-03-02T23:59:59.000Z');
    expect(await sender.sendDue(), '07:59:59, still outside').to.deep.equal({ sent: 0, retrying: 0, failed: 0 });
    setClock('2026-03-03T00:00:00.000Z');
    expect(await sender.sendDue(), '08:00, within').to.deep.equal({ sent: 1, retrying: 0, failed: 0 });
  });

  it('when the order would expire before the SMS is due, then none is queued: order_expires_first', async () => {
    // 21:30 in Shanghai, the order living 30 minutes more.
    setClock('2026-03-02T13:30:00.000Z');
    const order = await newOrder(1800);
    await abandon(order, MOBILE);
    expect(await smsRows(order.id)).to.deep.equal([]);
    expect(logged('order_expires_first')).to.have.length(1);
  });

  it('when a call is released without an inbound caller (a callback) or as declined, then no SMS is queued', async () => {
    const order = await newOrder();
    const co = callOrders();
    await co.claimByPayCode(order.payCode, 'cb-1');
    await co.releaseAfterCall(order.id, 'cb-1', 'abandoned');
    await co.claimByPayCode(order.payCode, 'call-2');
    await co.releaseAfterCall(order.id, 'call-2', 'declined', { callerNumber: MOBILE });

    expect(await smsRows(order.id)).to.deep.equal([]);
  });
});
