import { expect } from 'chai';
import { AppError } from '../../src/domain/app-error';
import { createCallOrders } from '../../src/order/call-orders';
import { createMerchantService } from '../../src/services/merchant-service';
import { createOrderService, type OrderService } from '../../src/order/order-service';
import { applyAttemptOutcome } from '../../src/payment/payment-outcome';
import { createTestDeps, type TestDeps } from '../helpers/test-db';

describe('order/order-service cancelOrder', () => {
  let deps: TestDeps;
  let orders: OrderService;
  let merchantId: string;
  beforeEach(async () => {
    deps = await createTestDeps();
    orders = createOrderService({ ...deps, defaultExpiresSeconds: 1800 });
    merchantId = (await createMerchantService(deps).createMerchant('Acme')).id;
  });
  afterEach(() => deps.db.destroy());

  const failure = (promise: Promise<unknown>) =>
    promise.then(
      () => undefined,
      (err: unknown) => err as AppError,
    );

  it('when a declined order is cancelled, then it is cancelled (declined orders can still be paid)', async () => {
    const order = await orders.createOrder(merchantId, { merchantOrderId: 'A1', amount: 100 });
    await deps.db('orders').where({ id: order.id }).update({ status: 'declined' });
    expect((await orders.cancelOrder(merchantId, order.id)).status).to.equal('cancelled');
  });

  it('when a caller holds the order, then it cannot be cancelled under them', async () => {
    const order = await orders.createOrder(merchantId, { merchantOrderId: 'A1', amount: 100 });
    const claim = await createCallOrders(deps).claimByPayCode(order.payCode!, 'call-1');
    expect(claim.ok).to.equal(true);

    const err = await failure(orders.cancelOrder(merchantId, order.id));
    expect(err).to.be.instanceOf(AppError);
    expect(err?.code).to.equal('order_not_payable');
    expect(err?.message).to.include('in_call');
  });

  it('when a payment for the order is still being confirmed, then it cannot be cancelled until that payment settles', async () => {
    const order = await orders.createOrder(merchantId, { merchantOrderId: 'A1', amount: 100 });
    const calls = createCallOrders(deps);
    await calls.claimByPayCode(order.payCode!, 'call-1');
    const call: { id: string } = await deps.db('order_attempts').where({ order_id: order.id }).first('id');
    const at = deps.now().toISOString();
    await deps.db('payment_attempts').insert({
      id: `${call.id}-1`,
      order_id: order.id,
      order_attempt_id: call.id,
      call_id: 'call-1',
      amount: 100,
      currency: 'CNY',
      txn_time: '20260301160000',
      card_masked: '621626*********0018',
      card_bank: 'pab',
      card_kind: 'debit',
      state: 'unknown',
      created_at: at,
      updated_at: at,
    });
    await calls.releaseAfterCall(order.id, 'call-1', 'abandoned');

    const err = await failure(orders.cancelOrder(merchantId, order.id));
    expect(err?.code).to.equal('order_not_payable');
    expect(err?.message).to.include('still being confirmed');
    expect((await orders.getOrder(merchantId, order.id)).status).to.equal('abandoned');
    expect(await deps.db('notifications').where({ order_id: order.id, type: 'order.cancelled' })).to.have.length(0);

    await applyAttemptOutcome(
      deps.store,
      `${call.id}-1`,
      { outcome: 'declined', reason: 'insufficient_funds', responseCode: '51' },
      deps.now(),
      deps.log,
    );
    expect((await orders.cancelOrder(merchantId, order.id)).status).to.equal('cancelled');
  });

  it('when the order id is unknown or another merchant’s, then not_found', async () => {
    const order = await orders.createOrder(merchantId, { merchantOrderId: 'A1', amount: 100 });
    expect((await failure(orders.cancelOrder('mch_other', order.id)))?.code).to.equal('not_found');
    expect((await failure(orders.cancelOrder(merchantId, 'ord_nope')))?.code).to.equal('not_found');
  });
});
