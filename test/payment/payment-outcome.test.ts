import { expect } from 'chai';
import pino from 'pino';
import { createMerchantService } from '../../src/services/merchant-service';
import { createOrderService } from '../../src/order/order-service';
import type { AttemptState } from '../../src/domain/payment-attempt-state';
import { applyAttemptOutcome, type AttemptOutcome } from '../../src/payment/payment-outcome';
import { openDb, type Knex } from '../../src/store/db';
import { migrateLatest } from '../../src/store/migrate';
import { createStore, type Store } from '../../src/store/store';
import { startSecondProcess, stopSecondProcess } from '../helpers/second-process';
import { testOutputFile } from '../helpers/test-output';

const APPROVED: AttemptOutcome = { outcome: 'approved', acquirerRef: 'Q1', responseCode: '00' };
const DECLINED: AttemptOutcome = { outcome: 'declined', reason: 'insufficient_funds', responseCode: '64' };
const log = pino({ level: 'silent' });
const at = new Date('2026-03-02T04:00:00.000Z');

/** Orders claimed by a call, each with one payment attempt in `state`. */
async function ordersWithAttempts(
  db: Knex,
  count: number,
  state: AttemptState,
): Promise<Array<{ orderId: string; attemptId: string }>> {
  const deps = { store: createStore(db), log, now: () => at };
  const merchant = await createMerchantService(deps).createMerchant('Concurrency');
  const orders = createOrderService({ ...deps, defaultExpiresSeconds: 1800 });
  const made: Array<{ orderId: string; attemptId: string }> = [];
  for (let i = 0; i < count; i++) {
    const order = await orders.createOrder(merchant.id, {
      merchantOrderId: `C${i}`,
      amount: 500,
      notifyUrl: 'https://merchant.example/hook',
    });
    await orders.claimByPayCode(order.payCode as string, `call-${i}`);
    const call: { id: string } = await db('order_attempts').where({ order_id: order.id }).first('id');
    const attemptId = `${call.id}-1`;
    await db('payment_attempts').insert({
      id: attemptId,
      order_id: order.id,
      order_attempt_id: call.id,
      call_id: `call-${i}`,
      amount: 500,
      currency: 'CNY',
      txn_time: '20260302120000',
      card_masked: '621626*********0018',
      card_bank: 'pab',
      card_kind: 'debit',
      state,
      created_at: at.toISOString(),
      updated_at: at.toISOString(),
    });
    made.push({ orderId: order.id, attemptId });
  }
  return made;
}

async function stateOf(db: Knex, attemptId: string): Promise<string | undefined> {
  return (await db('payment_attempts').where({ id: attemptId }).first('state'))?.state;
}

describe('payment/payment-outcome: forward-only moves', () => {
  let db: Knex;
  let store: Store;
  beforeEach(async () => {
    db = await openDb(':memory:');
    await migrateLatest(db);
    store = createStore(db);
  });
  afterEach(() => db.destroy());

  it('when an approval is applied twice, then the second changes nothing and one order.paid event is queued', async () => {
    const [{ orderId, attemptId }] = await ordersWithAttempts(db, 1, 'unknown');
    expect(await applyAttemptOutcome(store, attemptId, APPROVED, at, log)).to.equal(true);
    expect(await applyAttemptOutcome(store, attemptId, APPROVED, at, log)).to.equal(false);
    expect(await db('notifications').where({ order_id: orderId, type: 'order.paid' })).to.have.length(1);
    expect((await db('orders').where({ id: orderId }).first())?.status).to.equal('paid');
  });

  it('when a decline arrives after an approval, then the attempt stays approved and the order paid', async () => {
    const [{ orderId, attemptId }] = await ordersWithAttempts(db, 1, 'sending');
    await applyAttemptOutcome(store, attemptId, APPROVED, at, log);
    expect(await applyAttemptOutcome(store, attemptId, DECLINED, at, log)).to.equal(false);
    expect(await stateOf(db, attemptId)).to.equal('approved');
    expect((await db('orders').where({ id: orderId }).first())?.status).to.equal('paid');
  });

  it('when an approval arrives after the attempt was found missing, then the money moved: the order is paid', async () => {
    const [{ orderId, attemptId }] = await ordersWithAttempts(db, 1, 'unknown');
    await applyAttemptOutcome(store, attemptId, { outcome: 'not_found' }, at, log);
    await db('orders').where({ id: orderId }).update({ status: 'abandoned', in_call_id: null });
    expect(await applyAttemptOutcome(store, attemptId, APPROVED, at, log)).to.equal(true);
    expect((await db('orders').where({ id: orderId }).first())?.status).to.equal('paid');
  });

  it('when the consume was never sent, then a late query result of "not found" cannot move it', async () => {
    const [{ attemptId }] = await ordersWithAttempts(db, 1, 'sending');
    await applyAttemptOutcome(store, attemptId, { outcome: 'unavailable' }, at, log);
    expect(await applyAttemptOutcome(store, attemptId, { outcome: 'not_found' }, at, log)).to.equal(false);
    expect(await stateOf(db, attemptId)).to.equal('not_sent');
  });
});

describe('payment/payment-outcome: concurrent writers on one SQLite file (F6)', function () {
  this.timeout(60_000);

  it('when two processes race approvals and declines over 40 attempts, then no update is lost, each order is paid once, and no SQLITE_BUSY escapes', async () => {
    const file = testOutputFile(`payment-concurrency-${Date.now()}.sqlite`);
    const first = await openDb(file);
    await migrateLatest(first);
    const store = createStore(first);
    const other = await startSecondProcess(file, at);
    try {
      const attempts = await ordersWithAttempts(first, 40, 'unknown');
      const runs = attempts.flatMap(({ attemptId }) => [
        { what: 'approve', go: () => applyAttemptOutcome(store, attemptId, APPROVED, at, log) },
        { what: 'approve', go: () => other.call<boolean>('applyAttemptOutcome', { attemptId, outcome: APPROVED }) },
        { what: 'decline', go: () => other.call<boolean>('applyAttemptOutcome', { attemptId, outcome: DECLINED }) },
        { what: 'decline', go: () => applyAttemptOutcome(store, attemptId, DECLINED, at, log) },
      ]);

      const settled = await Promise.allSettled(runs.map((run) => run.go()));

      const failures = settled.filter((s) => s.status === 'rejected').map((s) => String(s.reason));
      expect(failures).to.deep.equal([]);
      const approvalsThatMoved = settled.filter(
        (s, i) => runs[i].what === 'approve' && s.status === 'fulfilled' && s.value,
      ).length;
      expect(approvalsThatMoved).to.equal(40);
      for (const { orderId, attemptId } of attempts) {
        expect(await stateOf(first, attemptId)).to.equal('approved');
        expect((await first('orders').where({ id: orderId }).first())?.status).to.equal('paid');
        expect(await first('notifications').where({ order_id: orderId, type: 'order.paid' })).to.have.length(1);
      }
    } finally {
      await stopSecondProcess(other);
      await first.destroy();
    }
  });
});
