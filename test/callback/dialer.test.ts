import { expect } from 'chai';
import { answered, dialerFixture, smsOf, unanswered, type DialerFixture } from './dialer-fixture';

const MIN = 60_000;

describe('callback/dialer', () => {
  let fx: DialerFixture;
  beforeEach(async () => {
    fx = await dialerFixture();
  });
  afterEach(() => fx.close());

  const iso = (ms: number) => new Date(ms).toISOString();

  it('when the line is busy every time, then it redials at +2, +10 and +30 min, then the order is unreachable with exactly one SMS', async () => {
    const orderId = await fx.createCallbackOrder();
    const t0 = fx.deps.now().getTime();

    await fx.runOnce();
    expect((await fx.callback(orderId)).next_call_at).to.equal(iso(t0 + 2 * MIN));
    fx.deps.advance(2 * MIN);
    await fx.runOnce();
    expect((await fx.callback(orderId)).next_call_at).to.equal(iso(t0 + 12 * MIN));
    fx.deps.advance(10 * MIN);
    await fx.runOnce();
    expect((await fx.callback(orderId)).next_call_at).to.equal(iso(t0 + 42 * MIN));
    fx.deps.advance(30 * MIN);
    await fx.runOnce();
    fx.deps.advance(60 * MIN);
    await fx.runOnce();

    expect(fx.calls).to.have.length(4);
    const callback = await fx.callback(orderId);
    expect(callback).to.include({ state: 'unreachable', attempts_made: 4, last_outcome: 'busy' });
    const order = await fx.orders.getOrder(fx.merchantId, orderId);
    expect(order.status).to.equal('unreachable');
    expect(order.payCode, 'still payable by calling in').to.match(/^\d{6}$/);
    expect(order.callback?.attempts.map((a) => [a.outcome, a.cause, a.durationSeconds])).to.deep.equal([
      ['busy', 17, 20],
      ['busy', 17, 20],
      ['busy', 17, 20],
      ['busy', 17, 20],
    ]);
    const sms = await smsOf(fx.deps.db, orderId);
    expect(sms).to.have.length(1);
    expect(sms[0]).to.include({ to: '13552535506', status: 'queued' });
    expect(sms[0].text).to.equal(
      `【ivrpay】您在Acme 商城的订单待支付123.45元，请拨打4008205588并输入支付码${order.payCode}完成支付。`,
    );
  });

  it('when the number does not exist (cause 1), then the order is unreachable at once, with its SMS', async () => {
    const orderId = await fx.createCallbackOrder();
    fx.behaviour = (_req, f) => Promise.resolve(unanswered(1, 'CHANUNAVAIL', f, 2));
    await fx.runOnce();
    fx.deps.advance(60 * MIN);
    await fx.runOnce();

    expect(fx.calls).to.have.length(1);
    expect(await fx.callback(orderId)).to.include({ state: 'unreachable', last_outcome: 'invalid_number' });
    expect((await fx.orders.getOrder(fx.merchantId, orderId)).status).to.equal('unreachable');
    expect(await smsOf(fx.deps.db, orderId)).to.have.length(1);
  });

  it('when the cardholder answers and pays, then the callback is done, with no redial and no SMS', async () => {
    const orderId = await fx.createCallbackOrder();
    fx.behaviour = (req, f) => answered(req, f, true);
    await fx.runOnce();
    fx.deps.advance(60 * MIN);
    await fx.runOnce();

    expect(fx.calls).to.have.length(1);
    expect(fx.calls[0]).to.include({ orderId, dial: '13552535506', ringTimeoutSec: 30 });
    expect(await fx.callback(orderId)).to.include({ state: 'done', last_outcome: 'paid', attempts_made: 1 });
    const order = await fx.orders.getOrder(fx.merchantId, orderId);
    expect(order.status).to.equal('paid');
    expect(order.callback?.attempts).to.deep.equal([
      {
        startedAt: iso(Date.parse('2026-03-02T02:00:00Z')),
        endedAt: iso(Date.parse('2026-03-02T02:01:30Z')),
        outcome: 'paid',
        cause: 16,
        durationSeconds: 90,
      },
    ]);
    expect(await smsOf(fx.deps.db, orderId)).to.deep.equal([]);
  });

  it('when the cardholder answers and hangs up before paying, then it is redialled per the policy', async () => {
    const orderId = await fx.createCallbackOrder();
    const t0 = fx.deps.now().getTime();
    fx.behaviour = (req, f) => answered(req, f, false);
    await fx.runOnce();

    expect(await fx.callback(orderId)).to.include({
      state: 'scheduled',
      last_outcome: 'answered_unpaid',
      next_call_at: iso(t0 + 2 * MIN),
    });
    fx.behaviour = (req, f) => answered(req, f, true);
    fx.deps.advance(2 * MIN);
    await fx.runOnce();
    expect(fx.calls).to.have.length(2);
    expect(await fx.callback(orderId)).to.include({ state: 'done' });
  });

  it('when a redial would fall after 21:00, then it is moved to 08:00 the next day', async () => {
    // 20:48 in Shanghai: the first attempt (+2 → 20:50) stays, the second (+10 at 20:58 → 21:08) moves.
    fx.deps.advance(Date.parse('2026-03-02T12:48:00Z') - fx.deps.now().getTime());
    const orderId = await fx.createCallbackOrder();
    await fx.runOnce();
    expect((await fx.callback(orderId)).next_call_at).to.equal('2026-03-02T12:50:00.000Z');
    fx.deps.advance(Date.parse('2026-03-02T12:58:00Z') - fx.deps.now().getTime());
    await fx.runOnce();
    expect((await fx.callback(orderId)).next_call_at).to.equal('2026-03-03T00:00:00.000Z');
  });

  it('when a callback is due outside calling hours, then it is not dialled but moved to the next window start', async () => {
    fx.deps.advance(Date.parse('2026-03-02T15:30:00Z') - fx.deps.now().getTime()); // 23:30 in Shanghai
    const orderId = await fx.createCallbackOrder();
    expect((await fx.callback(orderId)).next_call_at, 'planned at creation').to.equal('2026-03-03T00:00:00.000Z');
    await fx.deps.db('callbacks').where({ order_id: orderId }).update({ next_call_at: fx.deps.now().toISOString() });

    await fx.runOnce();
    expect(fx.calls).to.deep.equal([]);
    expect(await fx.callback(orderId)).to.include({
      state: 'scheduled',
      next_call_at: '2026-03-03T00:00:00.000Z',
      attempts_made: 0,
    });
  });

  it('when the order was paid or cancelled before its call, then nobody is dialled', async () => {
    const paid = await fx.createCallbackOrder();
    const cancelled = await fx.createCallbackOrder();
    await fx.deps.db('orders').where({ id: paid }).update({ status: 'paid', pay_code: null });
    await fx.deps.db('orders').where({ id: cancelled }).update({ status: 'cancelled', pay_code: null });
    await fx.runOnce();

    expect(fx.calls).to.deep.equal([]);
    expect((await fx.callback(paid)).state).to.equal('done');
    expect((await fx.callback(cancelled)).state).to.equal('cancelled');
  });

  it('when the cardholder is already in an inbound call on the order, then the callback waits two minutes', async () => {
    const orderId = await fx.createCallbackOrder();
    await fx.deps.db('orders').where({ id: orderId }).update({ status: 'in_call' });
    const t0 = fx.deps.now().getTime();
    await fx.runOnce();
    expect(fx.calls).to.deep.equal([]);
    expect(await fx.callback(orderId)).to.include({ state: 'scheduled', next_call_at: iso(t0 + 2 * MIN), attempts_made: 0 });
  });

  it('when the originator throws, then the attempt counts as failed and is retried', async () => {
    const orderId = await fx.createCallbackOrder();
    fx.behaviour = () => Promise.reject(new Error('ARI down'));
    await fx.runOnce();
    expect(await fx.callback(orderId)).to.include({ state: 'scheduled', last_outcome: 'failed', attempts_made: 1 });
  });

  it('when a callback is not yet due (callAfter), then it waits', async () => {
    const orderId = await fx.createCallbackOrder({ callAfter: '2026-03-02T11:00:00+08:00' });
    await fx.runOnce();
    expect(fx.calls).to.deep.equal([]);
    fx.deps.advance(60 * MIN);
    fx.behaviour = (req, f) => answered(req, f, true);
    await fx.runOnce();
    expect(fx.calls.map((c) => c.orderId)).to.deep.equal([orderId]);
  });
});
