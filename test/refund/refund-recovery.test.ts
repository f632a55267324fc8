import { expect } from 'chai';
import { newId } from '../../src/store/new-id';
import type { RefundRow } from '../../src/store/payment-rows';
import type { OrderRow } from '../../src/store/rows';
import { REFUND_RECOVERY_AFTER_MS } from '../../src/refund/refund-recovery';
import { startRefundBench, type RefundBench } from './refund-fixture';

describe('refund/refund-recovery (refunds a crash left pending)', () => {
  let b: RefundBench;
  beforeEach(async () => {
    b = await startRefundBench();
  });
  afterEach(() => b.deps.db.destroy());

  /** A refund row written, its amount reserved, then the process died: sent (`sent`) or not. */
  async function leftPending(sent: boolean): Promise<{ order: OrderRow; row: RefundRow }> {
    const order = await b.paidOrder({ amount: 10_000 });
    const payment = (await b.deps.db('payment_attempts').where({ order_id: order.id }).first()) as { id: string };
    const id = newId('rfd');
    const nowIso = b.deps.now().toISOString();
    const row: RefundRow = {
      id,
      order_id: order.id,
      merchant_id: b.merchantId,
      kind: 'refund',
      amount: 1_000,
      currency: 'CNY',
      reason: 'r',
      payment_attempt_id: payment.id,
      orig_query_id: order.acquirer_ref ?? '',
      acquirer_order_id: b.acquirer.reversalOrderIdOf(id),
      txn_time: b.acquirer.txnTimeOf(b.deps.now()),
      state: 'pending',
      response_code: null,
      failure_reason: null,
      acquirer_ref: null,
      created_at: nowIso,
      updated_at: nowIso,
      resolved_at: null,
    };
    await b.deps.db('refunds').insert(row);
    await b.deps.db('orders').where({ id: order.id }).update({ refund_reserved: 1_000 });
    if (sent) {
      await b.sandbox.reverse({
        kind: 'refund',
        acquirerOrderId: row.acquirer_order_id,
        txnTime: row.txn_time,
        amount: row.amount,
        origAcquirerRef: row.orig_query_id,
      });
    }
    return { order, row };
  }

  const stateOf = async (id: string) => ((await b.deps.db('refunds').where({ id }).first()) as RefundRow).state;
  const orderOf = async (id: string) => (await b.deps.db('orders').where({ id }).first()) as OrderRow;

  it('when a crash came after the send, then recovery queries, settles it as succeeded and sends nothing again', async () => {
    const { order, row } = await leftPending(true);
    b.deps.advance(REFUND_RECOVERY_AFTER_MS + 1);
    expect(await b.recovery.run()).to.deep.equal({ resolving: 1 });
    expect(await stateOf(row.id)).to.equal('succeeded');
    expect(await orderOf(order.id)).to.include({ refund_reserved: 1_000, refunded_amount: 1_000 });
    expect(b.sandbox.reversalsSent()).to.equal(1);
  });

  it('when a crash came before the send, then the query finds nothing: failed (not_found), reservation released, nothing sent', async () => {
    const { order, row } = await leftPending(false);
    b.deps.advance(REFUND_RECOVERY_AFTER_MS + 1);
    await b.recovery.run();
    expect(await b.deps.db('refunds').where({ id: row.id }).first()).to.include({ state: 'failed', failure_reason: 'not_found' });
    expect(await orderOf(order.id)).to.include({ refund_reserved: 0, refunded_amount: 0 });
    expect(b.sandbox.reversalsSent()).to.equal(0);
  });

  it('when a pending refund is younger than the recovery delay, then recovery leaves it to whoever is sending it', async () => {
    const { row } = await leftPending(false);
    expect(await b.recovery.run()).to.deep.equal({ resolving: 0 });
    expect(await stateOf(row.id)).to.equal('pending');
  });
});
