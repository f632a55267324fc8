import { expect } from 'chai';
import { AppError } from '../../src/domain/app-error';
import { createCallbackService, type CallbackService } from '../../src/callback/callback-service';
import { answered, dialerFixture, smsOf, unanswered, type DialerFixture } from './dialer-fixture';

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  throw new Error('expected a rejection');
}

describe('callback/callback-service', () => {
  let fx: DialerFixture;
  let callbacks: CallbackService;
  beforeEach(async () => {
    fx = await dialerFixture();
    callbacks = createCallbackService(fx.deps);
  });
  afterEach(() => fx.close());

  /** A callback order the dialer gave up on (invalid number: at once). */
  async function givenUp(): Promise<string> {
    const orderId = await fx.createCallbackOrder();
    fx.behaviour = (_req, f) => Promise.resolve(unanswered(1, undefined, f, 1));
    await fx.runOnce();
    return orderId;
  }

  it('when callbacks are listed, then --due and --failed pick the right ones', async () => {
    const failed = await givenUp();
    const due = await fx.createCallbackOrder();
    const later = await fx.createCallbackOrder({ callAfter: '2026-03-02T15:00:00+08:00' });

    const all = await callbacks.listCallbacks();
    expect(all.map((c) => c.orderId)).to.have.members([failed, due, later]);
    expect((await callbacks.listCallbacks({ due: true })).map((c) => c.orderId)).to.deep.equal([due]);
    const onlyFailed = await callbacks.listCallbacks({ failed: true });
    expect(onlyFailed).to.deep.equal([
      {
        orderId: failed,
        merchantId: fx.merchantId,
        phone: '13552535506',
        state: 'unreachable',
        attemptsMade: 1,
        lastOutcome: 'invalid_number',
        updatedAt: onlyFailed[0].updatedAt,
      },
    ]);
  });

  it('when a given-up callback is retried, then it is due now and the next dialer run calls it', async () => {
    const orderId = await givenUp();
    fx.deps.advance(5 * 60_000);
    const item = await callbacks.retryNow(orderId);
    expect(item).to.include({ state: 'scheduled', nextCallAt: fx.deps.now().toISOString() });

    fx.behaviour = (req, f) => answered(req, f, true);
    await fx.runOnce();
    expect(fx.calls).to.have.length(2);
    expect((await fx.orders.getOrder(fx.merchantId, orderId)).status).to.equal('paid');
  });

  it('when a retried callback gives up again, then no second SMS goes out', async () => {
    const orderId = await givenUp();
    await callbacks.retryNow(orderId);
    await fx.runOnce();
    expect(fx.calls).to.have.length(2);
    expect((await fx.callback(orderId)).state).to.equal('unreachable');
    expect(await smsOf(fx.deps.db, orderId)).to.have.length(1);
  });

  it('when the order is paid, unknown, or in a call, then retry refuses with a stable code', async () => {
    const paid = await fx.createCallbackOrder();
    fx.behaviour = (req, f) => answered(req, f, true);
    await fx.runOnce();
    expect((await rejection(callbacks.retryNow(paid))).code).to.equal('order_not_payable');
    expect((await rejection(callbacks.retryNow('ord_nope'))).code).to.equal('not_found');

    const ringing = await fx.createCallbackOrder();
    fx.behaviour = () => new Promise(() => undefined);
    await fx.dialer.tick();
    expect((await rejection(callbacks.retryNow(ringing))).code).to.equal('conflict');
  });

  it('when every failed callback is retried, then progress is reported and unpayable ones are skipped', async () => {
    const a = await givenUp();
    const b = await givenUp();
    await fx.deps.db('orders').where({ id: b }).update({ status: 'cancelled', pay_code: null });
    const seen: Array<[number, number]> = [];

    const result = await callbacks.retryAllFailed((done, total) => seen.push([done, total]));
    expect(result).to.deep.equal({ retried: 1, skipped: 1 });
    expect(seen).to.deep.equal([
      [1, 2],
      [2, 2],
    ]);
    expect((await fx.callback(a)).state).to.equal('scheduled');
    expect((await fx.callback(b)).state).to.equal('unreachable');
  });

  it('when a callback is cancelled, then it is never dialled and the order stays payable', async () => {
    const orderId = await fx.createCallbackOrder();
    expect((await callbacks.cancel(orderId)).state).to.equal('cancelled');
    await fx.runOnce();
    expect(fx.calls).to.deep.equal([]);
    expect((await fx.orders.getOrder(fx.merchantId, orderId)).payCode).to.match(/^\d{6}$/);
  });

  it('when a callback is cancelled during its call, then the call is recorded but nothing is rescheduled', async () => {
    const orderId = await fx.createCallbackOrder();
    let end: () => void = () => undefined;
    fx.behaviour = (_req, f) => new Promise((resolve) => (end = () => resolve(unanswered(17, 'BUSY', f))));
    await fx.dialer.tick();
    await callbacks.cancel(orderId);
    end();
    await fx.dialer.drain();

    expect(await fx.callback(orderId)).to.include({ state: 'cancelled', attempts_made: 0 });
    const order = await fx.orders.getOrder(fx.merchantId, orderId);
    expect(order.callback?.attempts.map((a) => a.outcome)).to.deep.equal(['busy']);
  });
});
