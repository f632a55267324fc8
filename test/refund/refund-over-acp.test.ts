import { expect } from 'chai';
import type { OrderRow } from '../../src/store/rows';
import type { RefundRow } from '../../src/store/payment-rows';
import { DEBIT, REFUND_AFTER_CUT_OFF, REFUND_TIMEOUT } from '../helpers/test-cards';
import { eventually, startBench, type Bench } from '../payment/payment-bench';

/**
 * Refunds over real parts: the ACP adapter, the sandbox acquirer server over HTTP, the store, and the merchant
 * API's notification endpoint as backUrl (test/payment/payment-bench.ts).
 */
describe('refunds over ACP: the sandbox server, its notifications and queries', function () {
  this.timeout(20_000);
  let b: Bench;
  afterEach(() => b.stop());

  async function paidOrder(pan: string): Promise<OrderRow> {
    const { id } = await b.orderInCall('call-1', 10_000);
    const result = await b.pay(id, pan);
    if (result.outcome !== 'approved') throw new Error(`payment ${result.outcome}`);
    return (await b.db('orders').where({ id }).first()) as OrderRow;
  }
  const refundRow = async (id: string) => (await b.db('refunds').where({ id }).first()) as RefundRow;

  it('when a paid order is cancelled whole, then the cancel (31) is settled by the acquirer’s word and the order reads refunded', async () => {
    b = await startBench();
    const order = await paidOrder(DEBIT);
    const refund = await b.refunds.createRefund(b.merchantId, order.id, { amount: 10_000, reason: 'r' });
    expect(refund).to.include({ kind: 'cancel', state: 'pending' });
    expect(await eventually(async () => (await refundRow(refund.id)).state === 'succeeded')).to.equal(true);
    expect(await b.db('orders').where({ id: order.id }).first()).to.include({ refunded_amount: 10_000 });
    expect((await b.orders.getOrder(b.merchantId, order.id)).status).to.equal('refunded');
    expect(await b.events(order.id, 'refund.succeeded')).to.equal(1);
  });

  it('when the refund’s answer is lost and the queries are far off, then the acquirer’s notification settles it, once', async () => {
    b = await startBench({ refundQueryDelaysMs: [60_000] });
    const order = await paidOrder(REFUND_TIMEOUT);
    const refund = await b.refunds.createRefund(b.merchantId, order.id, { amount: 2_000, reason: 'r' });
    expect(await eventually(async () => (await refundRow(refund.id)).state === 'succeeded')).to.equal(true);
    expect(await refundRow(refund.id)).to.include({ kind: 'refund', response_code: '00' });
    expect((await refundRow(refund.id)).acquirer_ref).to.match(/^\d{21}$/);
    await b.h.server.notificationsIdle();
    expect(await b.events(order.id, 'refund.succeeded')).to.equal(1);
  });

  it('when the acquirer takes the payment as after its cut-off, then the cancel refused with 39 goes out again as a refund and succeeds', async () => {
    b = await startBench();
    const order = await paidOrder(REFUND_AFTER_CUT_OFF);
    const refund = await b.refunds.createRefund(b.merchantId, order.id, { amount: 10_000, reason: 'r' });
    expect(await eventually(async () => (await refundRow(refund.id)).state === 'succeeded')).to.equal(true);
    expect(await refundRow(refund.id)).to.include({ kind: 'refund' });
  });
});
