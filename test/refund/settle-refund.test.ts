import { expect } from 'chai';
import { settleRefund } from '../../src/refund/settle-refund';
import type { OrderRow } from '../../src/store/rows';
import { REFUND_UNKNOWN } from '../helpers/test-cards';
import { startRefundBench, type RefundBench } from './refund-fixture';

describe('refund/settle-refund (the port reconciliation settles refunds through)', () => {
  let b: RefundBench;
  beforeEach(async () => {
    b = await startRefundBench();
  });
  afterEach(() => b.deps.db.destroy());

  const order = async (id: string) => (await b.deps.db('orders').where({ id }).first()) as OrderRow;
  const eventTypes = async () => (await b.deps.db('notifications').select('type')).map((n) => n.type);

  async function unknownRefund(amount: number) {
    const paid = await b.paidOrder({ amount: 10_000, pan: REFUND_UNKNOWN, notifyUrl: 'https://m.example.com/h' });
    const view = await b.refunds.createRefund(b.merchantId, paid.id, { amount, reason: 'r' });
    expect(view.state).to.equal('unknown');
    return { paid, view };
  }

  it('when the file says an unknown refund succeeded, then it succeeds with its serial, counts as refunded and the merchant is told once, however often it is applied', async () => {
    const { paid, view } = await unknownRefund(2_000);
    const word = { succeeded: true, acquirerRef: '202603011000001234567', responseCode: '00' };
    expect(await settleRefund(b.deps, view.id, word)).to.deep.equal({ changed: true, state: 'succeeded' });
    expect(await settleRefund(b.deps, view.id, word)).to.deep.equal({ changed: false, state: 'succeeded' });
    expect(await order(paid.id)).to.include({ refund_reserved: 2_000, refunded_amount: 2_000 });
    expect(await b.deps.db('refunds').where({ id: view.id }).first()).to.include({
      state: 'succeeded',
      acquirer_ref: '202603011000001234567',
      resolved_at: b.deps.now().toISOString(),
    });
    expect(await eventTypes()).to.deep.equal(['refund.succeeded']);
  });

  it('when the file says an unknown refund failed, then it fails and its reservation is released; a contrary word later changes nothing', async () => {
    const { paid, view } = await unknownRefund(2_000);
    expect(await settleRefund(b.deps, view.id, { succeeded: false })).to.deep.equal({ changed: true, state: 'failed' });
    expect(await order(paid.id)).to.include({ refund_reserved: 0, refunded_amount: 0 });
    expect(await settleRefund(b.deps, view.id, { succeeded: true })).to.deep.equal({ changed: false, state: 'failed' });
    expect(await order(paid.id)).to.include({ refund_reserved: 0, refunded_amount: 0 });
    expect(await eventTypes()).to.deep.equal(['refund.failed']);
  });

  it('when the id names no refund, then nothing changes', async () => {
    expect(await settleRefund(b.deps, 'rfd_none', { succeeded: true })).to.deep.equal({ changed: false });
  });
});
