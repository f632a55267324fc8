import { expect } from 'chai';
import type { ReversalAnswer, ReversalQueryResult, ReversalRequest } from '../../src/acquirer/acquirer-port';
import type { OrderRow } from '../../src/store/rows';
import type { RefundRow } from '../../src/store/payment-rows';
import { startRefundBench, type RefundBench } from './refund-fixture';

/** The sandbox's payments, with the reversal answers scripted: each send and each query takes the next one. */
function scripted(sends: Array<() => Promise<ReversalAnswer>>, queries: ReversalQueryResult[] = []) {
  const sent: ReversalRequest[] = [];
  return {
    sent,
    wrap: (sandbox: RefundBench['sandbox']) => ({
      reversalOrderIdOf: (id: string) => sandbox.reversalOrderIdOf(id),
      txnTimeOf: (at: Date) => sandbox.txnTimeOf(at),
      reverse: (request: ReversalRequest) => {
        sent.push(request);
        const next = sends.shift();
        if (!next) throw new Error('unexpected second send');
        return next();
      },
      queryReversal: () => Promise.resolve(queries.shift() ?? { outcome: 'pending' as const }),
    }),
  };
}

describe('refund/refund-settler: each answer of the acquirer', function () {
  this.timeout(10_000);
  let b: RefundBench;
  afterEach(() => b.deps.db.destroy());

  const only = async (orderId: string) => (await b.deps.db('refunds').where({ order_id: orderId }).first()) as RefundRow;
  const order = async (id: string) => (await b.deps.db('orders').where({ id }).first()) as OrderRow;
  const refundPart = (orderId: string) =>
    b.refunds.createRefund(b.merchantId, orderId, { amount: 1_000, reason: 'part of the goods returned' });

  it('when the acquirer is unavailable, then the refund fails as acquirer_unavailable and its reservation is released', async () => {
    const s = scripted([() => Promise.resolve({ outcome: 'unavailable' })]);
    b = await startRefundBench({ wrap: s.wrap });
    const paid = await b.paidOrder({ amount: 10_000 });
    await refundPart(paid.id);
    expect(await only(paid.id)).to.include({ state: 'failed', failure_reason: 'acquirer_unavailable' });
    expect(await order(paid.id)).to.include({ refund_reserved: 0, refunded_amount: 0 });
  });

  it('when the adapter throws on send, then it may have sent: a query decides, here refused, and nothing is sent again', async () => {
    const s = scripted([() => Promise.reject(new Error('socket hang up'))], [{ outcome: 'failed', responseCode: '25' }]);
    b = await startRefundBench({ wrap: s.wrap });
    const paid = await b.paidOrder({ amount: 10_000 });
    await refundPart(paid.id);
    expect(await only(paid.id)).to.include({ state: 'failed', failure_reason: 'refused', response_code: '25' });
    expect(s.sent).to.have.length(1);
    expect(await order(paid.id)).to.include({ refund_reserved: 0 });
  });

  it('when the refund is accepted with a serial and no query can decide, then it is unknown, keeping the serial and code', async () => {
    const s = scripted([() => Promise.resolve({ outcome: 'accepted', acquirerRef: 'ref-accepted', responseCode: '00' })]);
    b = await startRefundBench({ wrap: s.wrap });
    const paid = await b.paidOrder({ amount: 10_000 });
    await refundPart(paid.id);
    expect(await only(paid.id)).to.include({ state: 'unknown', acquirer_ref: 'ref-accepted', response_code: '00' });
    expect(await order(paid.id)).to.include({ refund_reserved: 1_000, refunded_amount: 0 });
  });

  it('when a refund (04, not a cancel) is refused as after the cut-off, then it fails as refused and is not sent again', async () => {
    const s = scripted([() => Promise.resolve({ outcome: 'rejected', responseCode: '39', afterCutOff: true })]);
    b = await startRefundBench({ wrap: s.wrap });
    const paid = await b.paidOrder({ amount: 10_000 });
    await refundPart(paid.id);
    expect(await only(paid.id)).to.include({ kind: 'refund', state: 'failed', failure_reason: 'refused', response_code: '39' });
    expect(s.sent.map((r) => r.kind)).to.deep.equal(['refund']);
  });

  it('when a cancel is refused for another reason than the cut-off, then it fails and is not sent again as a refund', async () => {
    const s = scripted([() => Promise.resolve({ outcome: 'rejected', responseCode: '12' })]);
    b = await startRefundBench({ wrap: s.wrap });
    const paid = await b.paidOrder({ amount: 10_000 });
    await b.refunds.createRefund(b.merchantId, paid.id, { amount: 10_000, reason: 'the whole order returned' });
    expect(await only(paid.id)).to.include({ kind: 'cancel', state: 'failed', response_code: '12' });
    expect(s.sent.map((r) => r.kind)).to.deep.equal(['cancel']);
  });
});
