import { expect } from 'chai';
import fc from 'fast-check';
import { AppError } from '../../src/domain/app-error';
import type { RefundView } from '../../src/refund/refund-view';
import type { OrderRow } from '../../src/store/rows';
import type { RefundRow } from '../../src/store/payment-rows';
import { REFUND_AFTER_CUT_OFF, REFUND_REFUSED, REFUND_TIMEOUT, REFUND_UNKNOWN } from '../helpers/test-cards';
import { startRefundBench, type RefundBench } from './refund-fixture';

const NOTIFY_URL = 'https://merchant.example.com/hooks';

async function rejection(work: Promise<unknown>): Promise<AppError> {
  try {
    await work;
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  throw new Error('expected an AppError');
}

describe('refund/refund-service', function () {
  this.timeout(10_000);
  let b: RefundBench;
  beforeEach(async () => {
    b = await startRefundBench();
  });
  afterEach(() => b.deps.db.destroy());

  const order = async (id: string) => (await b.deps.db('orders').where({ id }).first()) as OrderRow;
  const refundRows = async (orderId: string): Promise<RefundRow[]> => b.deps.db('refunds').where({ order_id: orderId });
  const events = async (orderId: string) =>
    (await b.deps.db('notifications').where({ order_id: orderId }).orderBy('created_at')).map((n) => ({
      type: n.type,
      data: (JSON.parse(n.payload) as { data: Record<string, unknown> }).data,
    }));
  const refund = (orderId: string, amount: number, merchantId = b.merchantId) =>
    b.refunds.createRefund(merchantId, orderId, { amount, reason: 'customer returned the goods' });

  it('when the whole payment is refunded on its Beijing day before the cut-off, then it goes out as a cancel and succeeds, the order reads refunded and the merchant is told', async () => {
    const paid = await b.paidOrder({ amount: 10_000, notifyUrl: NOTIFY_URL });
    const view = await refund(paid.id, 10_000);
    expect(view).to.include({ kind: 'cancel', state: 'succeeded', amount: 10_000, orderId: paid.id, responseCode: '00' });
    expect(await order(paid.id)).to.include({ status: 'paid', refund_reserved: 10_000, refunded_amount: 10_000 });
    const [row] = await refundRows(paid.id);
    expect(row.orig_query_id).to.equal(paid.acquirer_ref);
    expect(row.acquirer_ref).to.match(/^\d{21}$/);
    expect(await events(paid.id)).to.deep.equal([
      {
        type: 'refund.succeeded',
        data: {
          id: view.id,
          orderId: paid.id,
          merchantOrderId: paid.merchant_order_id,
          kind: 'cancel',
          amount: 10_000,
          currency: 'CNY',
          reason: 'customer returned the goods',
          state: 'succeeded',
          orderAmount: 10_000,
          orderRefundedAmount: 10_000,
        },
      },
    ]);
  });

  it('when part of the payment is refunded, then it is a refund (04) with origQryId, and two parts that add up to the whole leave the order refunded', async () => {
    const paid = await b.paidOrder({ amount: 10_000 });
    expect(await refund(paid.id, 2_500)).to.include({ kind: 'refund', state: 'succeeded' });
    expect(await order(paid.id)).to.include({ refund_reserved: 2_500, refunded_amount: 2_500 });
    // The rest is not the whole payment any more: a refund, not a cancel.
    expect(await refund(paid.id, 7_500)).to.include({ kind: 'refund', state: 'succeeded' });
    expect(await order(paid.id)).to.include({ refund_reserved: 10_000, refunded_amount: 10_000 });
  });

  it('when the whole payment is refunded after the 23:00 cut-off or on a later day, then it goes out as a refund (04)', async () => {
    const paid = await b.paidOrder({ amount: 10_000 });
    const other = await b.paidOrder({ amount: 10_000 });
    b.deps.advance(13.5 * 3_600_000); // 23:30 Beijing, same day
    expect(await refund(paid.id, 10_000)).to.include({ kind: 'refund', state: 'succeeded' });
    b.deps.advance(3_600_000); // 00:30 the next day
    expect(await refund(other.id, 10_000)).to.include({ kind: 'refund', state: 'succeeded' });
  });

  it('when a refund asks for more than is left, then it is refund_exceeds_remaining naming amount and what is left, and nothing changes', async () => {
    const paid = await b.paidOrder({ amount: 10_000 });
    await refund(paid.id, 4_000);
    const err = await rejection(refund(paid.id, 6_001));
    expect(err.code).to.equal('refund_exceeds_remaining');
    expect(err.fields?.amount).to.match(/at most 6000/);
    expect(await refundRows(paid.id)).to.have.length(1);
    expect(await order(paid.id)).to.include({ refund_reserved: 4_000, refunded_amount: 4_000 });
  });

  it('when the order is not paid, or is another merchant’s, then order_not_refundable or not_found, and nothing is written', async () => {
    const created = await b.createdOrder();
    const notPaid = await rejection(refund(created.id, 100));
    expect(notPaid).to.include({
      code: 'order_not_refundable',
      message: 'the order is created: only a paid order can be refunded',
    });
    expect(notPaid.fields).to.deep.equal({ orderId: 'is not paid' });
    const paid = await b.paidOrder();
    expect((await rejection(refund(paid.id, 100, b.otherMerchantId))).code).to.equal('not_found');
    expect((await rejection(refund('ord_nope', 100))).code).to.equal('not_found');
    expect(await b.deps.db('refunds')).to.deep.equal([]);
  });

  it('when the paid order’s payment has no acquirer reference (query id), then it cannot be refunded and nothing is written', async () => {
    const paid = await b.paidOrder();
    await b.deps.db('payment_attempts').where({ order_id: paid.id }).update({ acquirer_ref: null });
    const err = await rejection(refund(paid.id, 100));
    expect(err).to.include({ code: 'order_not_refundable', message: 'the order has no payment to refund' });
    expect(await b.deps.db('refunds')).to.deep.equal([]);
    expect(await order(paid.id)).to.include({ refund_reserved: 0 });
  });

  for (const [name, input, field] of [
    ['amount 0', { amount: 0, reason: 'x' }, 'amount'],
    ['a fractional amount', { amount: 1.5, reason: 'x' }, 'amount'],
    ['the amount as a string', { amount: '100', reason: 'x' }, 'amount'],
    ['a negative amount', { amount: -5, reason: 'x' }, 'amount'],
    ['no reason', { amount: 100 }, 'reason'],
    ['a blank reason', { amount: 100, reason: '   ' }, 'reason'],
    ['a reason of 257 characters', { amount: 100, reason: 'x'.repeat(257) }, 'reason'],
  ] as const) {
    it(`when the input has ${name}, then validation_failed names ${field} and nothing is written`, async () => {
      const paid = await b.paidOrder();
      const err = await rejection(b.refunds.createRefund(b.merchantId, paid.id, input as never));
      expect(err.code).to.equal('validation_failed');
      expect(err.fields).to.have.property(field);
      expect(await b.deps.db('refunds')).to.deep.equal([]);
    });
  }

  it('when 20 refunds of 30 fen arrive at once for an order paid 100, then exactly 3 are admitted and the total never exceeds the payment', async () => {
    const paid = await b.paidOrder({ amount: 100 });
    const results = await Promise.allSettled(Array.from({ length: 20 }, () => refund(paid.id, 30)));
    const admitted = results.filter((r): r is PromiseFulfilledResult<RefundView> => r.status === 'fulfilled');
    expect(admitted).to.have.length(3);
    for (const r of results)
      if (r.status === 'rejected') expect((r.reason as AppError).code).to.equal('refund_exceeds_remaining');
    expect(await order(paid.id)).to.include({ refund_reserved: 90, refunded_amount: 90 });
    expect(await refundRows(paid.id)).to.have.length(3);
  });

  it('when any mix of refunds arrives at once (property), then what is admitted never exceeds the payment and each refusal asked for more than was left', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 500 }),
        fc.array(fc.integer({ min: 1, max: 200 }), { minLength: 1, maxLength: 12 }),
        async (paidAmount, amounts) => {
          const paid = await b.paidOrder({ amount: paidAmount });
          const results = await Promise.allSettled(amounts.map((a) => refund(paid.id, a)));
          const admitted = amounts.filter((_, i) => results[i].status === 'fulfilled');
          const total = admitted.reduce((sum, a) => sum + a, 0);
          const after = await order(paid.id);
          expect(total).to.be.at.most(paidAmount);
          expect(after).to.include({ refund_reserved: total, refunded_amount: total });
          amounts.forEach((a, i) => {
            if (results[i].status === 'rejected') expect(a).to.be.greaterThan(paidAmount - total);
          });
        },
      ),
      { numRuns: 25 },
    );
  });

  it('when the acquirer refuses the refund, then it fails, its reservation is released and refund.failed is sent', async () => {
    const paid = await b.paidOrder({ amount: 10_000, pan: REFUND_REFUSED, notifyUrl: NOTIFY_URL });
    expect(await refund(paid.id, 3_000)).to.include({ state: 'failed', failureReason: 'refused', responseCode: '63' });
    expect(await order(paid.id)).to.include({ refund_reserved: 0, refunded_amount: 0 });
    expect((await events(paid.id)).map((e) => e.type)).to.deep.equal(['refund.failed']);
    expect((await events(paid.id))[0].data).to.include({ state: 'failed', failureReason: 'refused', orderRefundedAmount: 0 });
  });

  it('when the refund’s answer is lost (timeout), then a query settles it as succeeded and no second refund is sent', async () => {
    const paid = await b.paidOrder({ amount: 10_000, pan: REFUND_TIMEOUT });
    expect(await refund(paid.id, 1_000)).to.include({ state: 'succeeded' });
    expect(b.sandbox.reversalsSent()).to.equal(1);
  });

  it('when no query can settle the refund, then it is left unknown (reserved, not refunded) for the reconciliation file', async () => {
    const paid = await b.paidOrder({ amount: 10_000, pan: REFUND_UNKNOWN });
    expect(await refund(paid.id, 1_000)).to.include({ state: 'unknown' });
    expect(await order(paid.id)).to.include({ refund_reserved: 1_000, refunded_amount: 0 });
    expect(b.sandbox.reversalsSent()).to.equal(1);
  });

  it('when the acquirer refuses a cancel as after its cut-off, then the refund goes out again as a refund (04) under a new acquirer order id', async () => {
    const paid = await b.paidOrder({ amount: 10_000, pan: REFUND_AFTER_CUT_OFF });
    const view = await refund(paid.id, 10_000);
    expect(view).to.include({ kind: 'refund', state: 'succeeded' });
    const [row] = await refundRows(paid.id);
    expect(row.acquirer_order_id).to.equal(b.acquirer.reversalOrderIdOf(`${view.id}-r`));
    expect(b.sandbox.reversalsSent()).to.equal(2);
  });
});
