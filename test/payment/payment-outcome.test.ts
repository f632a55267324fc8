import { Writable } from 'node:stream';
import { expect } from 'chai';
import pino from 'pino';
import { createMerchantService } from '../../src/services/merchant-service';
import { createOrderService } from '../../src/order/order-service';
import type { AttemptState } from '../../src/domain/payment-attempt-state';
import { applyAttemptOutcome, type AttemptOutcome } from '../../src/payment/payment-outcome';
import { openDb, type Knex } from '../../src/store/db';
import { migrateLatest } from '../../src/store/migrate';
import type { PaymentAttemptRow } from '../../src/store/payment-rows';
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

/** A logger whose lines are kept, to read the alerts back. */
function capturingLog(): { log: pino.Logger; lines: () => Array<Record<string, unknown>> } {
  const text: string[] = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      text.push(String(chunk));
      done();
    },
  });
  return {
    log: pino({ level: 'info' }, sink),
    lines: () =>
      text
        .join('')
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}

/** A second payment attempt on the order of `first`, in `state`, with another card. */
async function secondAttempt(db: Knex, first: { orderId: string; attemptId: string }, state: AttemptState): Promise<string> {
  const row = (await db('payment_attempts').where({ id: first.attemptId }).first()) as PaymentAttemptRow;
  const attemptId = first.attemptId.replace(/-1$/, '-2');
  await db('payment_attempts').insert({ ...row, id: attemptId, card_masked: '622155*********0001', card_kind: 'credit', state });
  return attemptId;
}

describe('payment/payment-outcome: only the attempt’s own rows change', () => {
  let db: Knex;
  let store: Store;
  beforeEach(async () => {
    db = await openDb(':memory:');
    await migrateLatest(db);
    store = createStore(db);
  });
  afterEach(() => db.destroy());

  const orderRow = async (id: string) => db('orders').where({ id }).first();
  const callAttemptRows = async (orderId: string) => db('order_attempts').where({ order_id: orderId });

  it('when a payment is declined, then its reason and card are noted on its own order only: another unpaid order of the same merchant, and one of another merchant, are untouched', async () => {
    const [declined, sameMerchant] = await ordersWithAttempts(db, 2, 'sending');
    const [otherMerchant] = await ordersWithAttempts(db, 1, 'sending');
    const before = {
      same: await orderRow(sameMerchant.orderId),
      other: await orderRow(otherMerchant.orderId),
      sameCall: await callAttemptRows(sameMerchant.orderId),
      otherCall: await callAttemptRows(otherMerchant.orderId),
    };

    expect(await applyAttemptOutcome(store, declined.attemptId, DECLINED, at, log)).to.equal(true);

    expect(await orderRow(declined.orderId)).to.include({
      status: 'in_call',
      decline_reason: 'insufficient_funds',
      card_masked: '621626*********0018',
      card_bank: 'pab',
      card_kind: 'debit',
    });
    expect(await callAttemptRows(declined.orderId)).to.have.length(1);
    expect((await callAttemptRows(declined.orderId))[0]).to.include({
      decline_reason: 'insufficient_funds',
      response_code: '64',
    });
    expect(await orderRow(sameMerchant.orderId)).to.deep.equal(before.same);
    expect(await orderRow(otherMerchant.orderId)).to.deep.equal(before.other);
    expect(await callAttemptRows(sameMerchant.orderId)).to.deep.equal(before.sameCall);
    expect(await callAttemptRows(otherMerchant.orderId)).to.deep.equal(before.otherCall);
  });

  it('when a payment is approved, then only its own call attempt is marked paid, and the other orders and their call attempts are untouched', async () => {
    const [paid, sameMerchant] = await ordersWithAttempts(db, 2, 'sending');
    const [otherMerchant] = await ordersWithAttempts(db, 1, 'sending');
    const before = {
      same: await orderRow(sameMerchant.orderId),
      other: await orderRow(otherMerchant.orderId),
      sameCall: await callAttemptRows(sameMerchant.orderId),
      otherCall: await callAttemptRows(otherMerchant.orderId),
    };

    expect(await applyAttemptOutcome(store, paid.attemptId, APPROVED, at, log)).to.equal(true);

    const [call] = await callAttemptRows(paid.orderId);
    expect(call).to.include({ outcome: 'paid', response_code: '00', ended_at: at.toISOString() });
    expect(await callAttemptRows(sameMerchant.orderId)).to.deep.equal(before.sameCall);
    expect(await callAttemptRows(otherMerchant.orderId)).to.deep.equal(before.otherCall);
    expect(before.sameCall[0].outcome).to.not.equal('paid');
    expect(await orderRow(sameMerchant.orderId)).to.deep.equal(before.same);
    expect(await orderRow(otherMerchant.orderId)).to.deep.equal(before.other);
  });

  it('when a payment is approved, then the acquirer’s reference is saved on the attempt and on the order', async () => {
    const [{ orderId, attemptId }] = await ordersWithAttempts(db, 1, 'sending');

    await applyAttemptOutcome(store, attemptId, APPROVED, at, log);

    expect(await db('payment_attempts').where({ id: attemptId }).first()).to.include({
      state: 'approved',
      acquirer_ref: 'Q1',
      response_code: '00',
      resolved_at: at.toISOString(),
    });
    expect(await orderRow(orderId)).to.include({ status: 'paid', acquirer_ref: 'Q1', in_call_id: null, pay_code: null });
  });

  it('when an approval carries no acquirer reference, then null is saved on the attempt and the order, not an empty string', async () => {
    const [{ orderId, attemptId }] = await ordersWithAttempts(db, 1, 'sending');

    await applyAttemptOutcome(store, attemptId, { outcome: 'approved', acquirerRef: '', responseCode: '00' }, at, log);

    expect((await db('payment_attempts').where({ id: attemptId }).first())?.acquirer_ref).to.equal(null);
    expect((await orderRow(orderId))?.acquirer_ref).to.equal(null);
  });

  it('when a second attempt is approved for an order another attempt already paid, then the order keeps the first payment, no second order.paid is queued, and the "charged twice: refund it" alert is logged', async () => {
    const first = (await ordersWithAttempts(db, 1, 'sending'))[0];
    const second = await secondAttempt(db, first, 'unknown');
    const capture = capturingLog();
    await applyAttemptOutcome(store, first.attemptId, APPROVED, at, capture.log);
    const paid = await orderRow(first.orderId);
    const later = new Date(at.getTime() + 60_000);

    const moved = await applyAttemptOutcome(
      store,
      second,
      { outcome: 'approved', acquirerRef: 'Q2', responseCode: '00' },
      later,
      capture.log,
    );

    expect(moved).to.equal(true);
    expect((await db('payment_attempts').where({ id: second }).first())?.acquirer_ref).to.equal('Q2');
    expect(await orderRow(first.orderId)).to.deep.equal(paid);
    expect(paid).to.include({ acquirer_ref: 'Q1', card_masked: '621626*********0018', card_kind: 'debit' });
    expect(await db('notifications').where({ order_id: first.orderId, type: 'order.paid' })).to.have.length(1);
    const alerts = capture.lines().filter((line) => line.alert === 'order_charged_twice');
    expect(alerts).to.have.length(1);
    expect(alerts[0]).to.include({
      level: 50,
      orderId: first.orderId,
      attemptId: second,
      msg: 'a second attempt was approved for a paid order: refund it',
    });
  });

  it('when the same approval (same acquirer reference) reaches the paid order through a second attempt, then no alert: it is one charge', async () => {
    const first = (await ordersWithAttempts(db, 1, 'sending'))[0];
    const second = await secondAttempt(db, first, 'unknown');
    const capture = capturingLog();
    await applyAttemptOutcome(store, first.attemptId, APPROVED, at, capture.log);

    await applyAttemptOutcome(store, second, APPROVED, at, capture.log);

    expect(capture.lines().filter((line) => line.alert === 'order_charged_twice')).to.deep.equal([]);
    expect(await db('notifications').where({ order_id: first.orderId, type: 'order.paid' })).to.have.length(1);
  });

  it('when a decline comes for a second attempt on an order already paid, then the paid order keeps no decline reason', async () => {
    const first = (await ordersWithAttempts(db, 1, 'sending'))[0];
    const second = await secondAttempt(db, first, 'sending');
    await applyAttemptOutcome(store, first.attemptId, APPROVED, at, log);
    const paid = await orderRow(first.orderId);

    await applyAttemptOutcome(store, second, DECLINED, at, log);

    expect(await orderRow(first.orderId)).to.deep.equal(paid);
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
