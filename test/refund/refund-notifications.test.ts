import { expect } from 'chai';
import type { AcquirerNotification, QueryResult } from '../../src/acquirer/acquirer-port';
import type { RefundRow } from '../../src/store/payment-rows';
import { REFUND_UNKNOWN } from '../helpers/test-cards';
import { startRefundBench, type RefundBench } from './refund-fixture';

function notificationOf(row: RefundRow, changes: Partial<AcquirerNotification> & { code?: string } = {}): AcquirerNotification {
  const code = changes.code ?? '00';
  const result: QueryResult =
    code === '00'
      ? { outcome: 'approved', acquirerRef: '202603011000009999999', responseCode: code }
      : code === '03'
        ? { outcome: 'pending' }
        : { outcome: 'declined', reason: 'declined', responseCode: code };
  return {
    acquirerOrderId: row.acquirer_order_id,
    txnTime: row.txn_time,
    isPayment: false,
    txnType: row.kind === 'cancel' ? '31' : '04',
    responseCode: code,
    acquirerRef: '202603011000009999999',
    amount: row.amount,
    names: () => false,
    result: () => result,
    ...changes,
  };
}

describe('refund/refund-notifications (the acquirer’s word on cancels and refunds)', () => {
  let b: RefundBench;
  let row: RefundRow;
  beforeEach(async () => {
    b = await startRefundBench();
    const paid = await b.paidOrder({ amount: 10_000, pan: REFUND_UNKNOWN });
    const view = await b.refunds.createRefund(b.merchantId, paid.id, { amount: 3_000, reason: 'r' });
    row = (await b.deps.db('refunds').where({ id: view.id }).first()) as RefundRow;
  });
  afterEach(() => b.deps.db.destroy());

  it('when the acquirer notifies an unknown refund as succeeded, then it settles once; the same notification again is a duplicate', async () => {
    expect(await b.notifications.receive(notificationOf(row))).to.deep.equal({ status: 'applied', changed: true });
    expect(await b.notifications.receive(notificationOf(row))).to.deep.equal({ status: 'duplicate' });
    expect(await b.deps.db('refunds').where({ id: row.id }).first()).to.include({
      state: 'succeeded',
      acquirer_ref: '202603011000009999999',
    });
  });

  it('when the notification names a refund we did not send, says pending, or has another amount, then nothing changes', async () => {
    expect(await b.notifications.receive(notificationOf(row, { acquirerOrderId: 'rfdunknown0000000000' }))).to.deep.equal({
      status: 'ignored',
    });
    expect(await b.notifications.receive(notificationOf(row, { code: '03' }))).to.deep.equal({ status: 'ignored' });
    expect(await b.notifications.receive(notificationOf(row, { amount: 3_001 }))).to.deep.equal({
      status: 'rejected',
      reason: 'amount_mismatch',
    });
    expect(await b.deps.db('refunds').where({ id: row.id }).first()).to.include({ state: 'unknown' });
  });

  it('when the acquirer notifies a refund as refused, then it fails and the reservation is released', async () => {
    expect(await b.notifications.receive(notificationOf(row, { code: '63' }))).to.deep.equal({
      status: 'applied',
      changed: true,
    });
    expect(await b.deps.db('orders').where({ id: row.order_id }).first()).to.include({ refund_reserved: 0 });
  });
});
