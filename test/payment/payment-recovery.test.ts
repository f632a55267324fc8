import { fork } from 'node:child_process';
import path from 'node:path';
import { expect } from 'chai';
import { createCallOrders } from '../../src/order/call-orders';
import { createPaymentRecovery } from '../../src/payment/payment-recovery';
import { MERCHANT_ID } from '../acquirer/acp-harness';
import { testOutputFile } from '../helpers/test-output';
import type { CrashChildInput } from './fixtures/pay-then-crash';
import { startBench, type Bench } from './payment-bench';
import { DEBIT } from '../helpers/test-cards';

const CHILD = path.join(__dirname, 'fixtures', 'pay-then-crash.ts');

/** Runs the payment in a child process that SIGKILLs itself at `killAt`; resolves with how it ended. */
function payInChildThatCrashes(bench: Bench, orderId: string, killAt: CrashChildInput['killAt']): Promise<NodeJS.Signals | null> {
  const { pki } = bench.h;
  const input: CrashChildInput = {
    killAt,
    sqliteFile: testOutputFile('payment-crash.sqlite'),
    logFile: testOutputFile('payment-crash-child.log'),
    now: bench.h.clock.now().toISOString(),
    endpoints: bench.h.server.endpoints,
    // Nobody listens: only a query can tell the restarted service what happened.
    backUrl: 'http://127.0.0.1:9/acquirer/notify',
    merchantId: MERCHANT_ID,
    pki: {
      merchantKeyPem: pki.merchantSigning.keyPem,
      merchantCertPem: pki.merchantSigning.certPem,
      encryptionCertPem: pki.acquirerEncryption.certPem,
      rootPem: pki.root.certPem,
      middlePem: pki.middle.certPem,
    },
    orderId,
    callId: 'call-crash',
    pan: DEBIT,
  };
  return new Promise((resolve, reject) => {
    const child = fork(CHILD, [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
    child.once('error', reject);
    child.once('exit', (_code, signal) => resolve(signal));
    child.send(input);
  });
}

/** Recovery over the bench whose acquirer knows no payment, counting the queries it is sent. */
function recoveryFindingNothing(bench: Bench, busy: (orderId: string) => boolean) {
  let sent = 0;
  const recovery = createPaymentRecovery({
    store: bench.store,
    log: bench.log,
    now: bench.h.clock.now,
    busy,
    queryDelaysMs: [1],
    acquirer: { query: () => ((sent += 1), Promise.resolve({ outcome: 'not_found' })) },
  });
  return { recovery, queries: () => sent };
}

describe('payment/payment-recovery: a crash between send and record (F1)', function () {
  this.timeout(60_000);
  let bench: Bench;
  afterEach(async () => {
    await bench?.stop();
  });

  it('when the process is killed after the consume was answered and before it was recorded, then after restart the recovery job resolves it by query as paid, with one consume at the acquirer', async () => {
    bench = await startBench({ dbName: 'payment-crash.sqlite' });
    const order = await bench.orderInCall('call-crash');

    expect(await payInChildThatCrashes(bench, order.id, 'after-answer')).to.equal('SIGKILL');

    const [left] = await bench.attempts(order.id);
    expect(left.state).to.equal('sending');
    expect(bench.consumes(left.id)).to.equal(1);
    // Restart: calls of the dead process are released, but this order may have been charged, so it cannot be claimed.
    await createCallOrders({ store: bench.store, log: bench.log, now: bench.h.clock.now }).recoverStaleCalls();
    expect(await bench.orders.claimByPayCode(order.payCode, 'call-after')).to.deep.equal({ ok: false, reason: 'not_payable' });

    expect(await bench.recovery.run()).to.deep.equal({ resolved: 1, manual: 0 });

    const [resolved] = await bench.attempts(order.id);
    expect(resolved.state).to.equal('approved');
    expect(bench.consumes(resolved.id)).to.equal(1);
    expect((await bench.orders.getOrder(bench.merchantId, order.id)).status).to.equal('paid');
    expect(await bench.events(order.id, 'order.paid')).to.equal(1);
  });

  it('when the process is killed after recording the attempt and before sending it, then recovery finds nothing at the acquirer, nothing was charged and the order is payable again', async () => {
    bench = await startBench({ dbName: 'payment-crash.sqlite' });
    const order = await bench.orderInCall('call-crash');

    expect(await payInChildThatCrashes(bench, order.id, 'before-send')).to.equal('SIGKILL');

    const [left] = await bench.attempts(order.id);
    expect(left.state).to.equal('sending');
    expect(bench.consumes(left.id)).to.equal(0);
    await createCallOrders({ store: bench.store, log: bench.log, now: bench.h.clock.now }).recoverStaleCalls();

    expect(await bench.recovery.run()).to.deep.equal({ resolved: 1, manual: 0 });

    expect((await bench.attempts(order.id))[0].state).to.equal('not_found');
    expect((await bench.orders.claimByPayCode(order.payCode, 'call-after')).ok).to.equal(true);
  });
});

describe('payment/payment-recovery', function () {
  this.timeout(20_000);
  let bench: Bench;
  afterEach(async () => {
    await bench?.stop();
  });

  /** An attempt left `sending` as a crash would leave it, without any process behind it. */
  /**
   * An attempt left `sending` by a call that died with its process: once the node starts again its order is released
   * (recoverStaleCalls), as the service does before recovery runs. `held`: the call is still going (another node's).
   */
  async function leftSending(callId = 'call-1', held = false): Promise<{ orderId: string; attemptId: string }> {
    const order = await bench.orderInCall(callId);
    const call: { id: string } = await bench.db('order_attempts').where({ order_id: order.id }).first('id');
    const attemptId = `${call.id}-1`;
    const at = bench.h.clock.now().toISOString();
    await bench.db('payment_attempts').insert({
      id: attemptId,
      order_id: order.id,
      order_attempt_id: call.id,
      call_id: callId,
      amount: 4599,
      currency: 'CNY',
      txn_time: '20260302120000',
      card_masked: '621626*********0018',
      card_bank: 'pab',
      card_kind: 'debit',
      state: 'sending',
      created_at: at,
      updated_at: at,
    });
    if (!held) await createCallOrders({ store: bench.store, log: bench.log, now: bench.h.clock.now }).recoverStaleCalls();
    return { orderId: order.id, attemptId };
  }

  it('when the order is still held by a call (on any node), then recovery leaves its attempt alone: that call may still be sending it', async () => {
    bench = await startBench();
    const { attemptId } = await leftSending('call-elsewhere', true);
    const { recovery, queries } = recoveryFindingNothing(bench, () => false);

    expect(await recovery.run()).to.deep.equal({ resolved: 0, manual: 0 });
    expect(queries()).to.equal(0);
    expect((await bench.db('payment_attempts').where({ id: attemptId }).first())?.state).to.equal('sending');
  });

  it('when every query of the schedule stays pending, then the attempt becomes unknown_manual with an alert and no consume is sent', async () => {
    bench = await startBench();
    const { attemptId } = await leftSending();
    let queries = 0;
    const recovery = createPaymentRecovery({
      store: bench.store,
      log: bench.log,
      now: bench.h.clock.now,
      busy: () => false,
      queryDelaysMs: [1, 1, 1, 1, 1, 1],
      acquirer: { query: () => ((queries += 1), Promise.resolve({ outcome: 'pending' })) },
    });

    expect(await recovery.run()).to.deep.equal({ resolved: 0, manual: 1 });

    expect(queries).to.equal(6);
    expect((await bench.db('payment_attempts').where({ id: attemptId }).first())?.state).to.equal('unknown_manual');
    expect(bench.logText()).to.include('"alert":"payment_unresolved"');
    expect(bench.h.server.stats().consumesByOrderId).to.deep.equal({});
  });

  it('when the store fails while the answer is recorded, then that attempt is left for the next run, which resolves it', async () => {
    bench = await startBench();
    const { attemptId } = await leftSending();
    await bench.db.raw(
      "CREATE TRIGGER refuse_not_found BEFORE UPDATE ON payment_attempts WHEN NEW.state = 'not_found' BEGIN SELECT RAISE(ABORT, 'disk I/O error'); END",
    );
    const recovery = createPaymentRecovery({
      store: bench.store,
      log: bench.log,
      now: bench.h.clock.now,
      busy: () => false,
      queryDelaysMs: [1],
      acquirer: { query: () => Promise.resolve({ outcome: 'not_found' }) },
    });

    expect(await recovery.run()).to.deep.equal({ resolved: 0, manual: 0 });
    expect((await bench.db('payment_attempts').where({ id: attemptId }).first())?.state).to.equal('sending');
    expect(bench.logText()).to.include('payment recovery failed');
    await bench.db.raw('DROP TRIGGER refuse_not_found');
    expect(await recovery.run()).to.deep.equal({ resolved: 1, manual: 0 });
    expect((await bench.db('payment_attempts').where({ id: attemptId }).first())?.state).to.equal('not_found');
  });

  it('when the payment service is still settling the order, then recovery leaves its attempt alone', async () => {
    bench = await startBench();
    const { orderId } = await leftSending();
    const { recovery, queries } = recoveryFindingNothing(bench, (id) => id === orderId);

    expect(await recovery.run()).to.deep.equal({ resolved: 0, manual: 0 });
    expect(queries()).to.equal(0);
  });

  it('when shutdown aborts the queries, then the attempt is left as it was for the next start', async () => {
    bench = await startBench();
    const { attemptId } = await leftSending();
    const stop = new AbortController();
    const recovery = createPaymentRecovery({
      store: bench.store,
      log: bench.log,
      now: bench.h.clock.now,
      busy: () => false,
      queryDelaysMs: [60_000],
      signal: stop.signal,
      acquirer: { query: () => Promise.resolve({ outcome: 'not_found' }) },
    });

    const run = recovery.run();
    setTimeout(() => stop.abort(), 20);

    expect(await run).to.deep.equal({ resolved: 0, manual: 0 });
    expect((await bench.db('payment_attempts').where({ id: attemptId }).first())?.state).to.equal('sending');
  });

  it('when an SMS code was requested an hour ago and nothing was sent since, then the prepared attempt is closed as not sent', async () => {
    bench = await startBench();
    const { attemptId } = await leftSending();
    await bench.db('payment_attempts').where({ id: attemptId }).update({ state: 'prepared' });
    bench.h.clock.advance(61 * 60_000);

    await bench.recovery.run();

    expect((await bench.db('payment_attempts').where({ id: attemptId }).first())?.state).to.equal('not_sent');
  });

  it('when prepared attempts are closed after an hour, then attempts sending, unknown, unknown_manual, approved or declined, and a prepared one younger than an hour, are left as they were', async () => {
    bench = await startBench();
    const states = ['prepared', 'sending', 'unknown', 'unknown_manual', 'approved', 'declined'] as const;
    const old: Record<string, string> = {};
    for (const state of states) {
      const { attemptId } = await leftSending(`call-${state}`);
      await bench.db('payment_attempts').where({ id: attemptId }).update({ state });
      old[state] = attemptId;
    }
    bench.h.clock.advance(61 * 60_000);
    const { attemptId: young } = await leftSending('call-young');
    await bench.db('payment_attempts').where({ id: young }).update({ state: 'prepared' });
    const before = await bench.db('payment_attempts').whereNot({ id: old.prepared }).orderBy('id');
    // The payment service still owns every order: only the closing of old prepared attempts runs.
    const { recovery, queries } = recoveryFindingNothing(bench, () => true);

    await recovery.run();

    expect(await bench.db('payment_attempts').where({ id: old.prepared }).first()).to.include({
      state: 'not_sent',
      resolved_at: bench.h.clock.now().toISOString(),
    });
    expect(await bench.db('payment_attempts').whereNot({ id: old.prepared }).orderBy('id')).to.deep.equal(before);
    expect(queries()).to.equal(0);
  });
});
