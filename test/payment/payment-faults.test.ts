import { expect } from 'chai';
import { TEST_HOLDER, TEST_PIN } from '../../sandbox-acquirer/test-cards';
import { runPaymentCall } from '../../src/call/payment-call';
import { createBankService } from '../../src/services/bank-service';
import { createPaymentService } from '../../src/payment/payment-service';
import { FakeCall } from '../helpers/fake-call';
import { eventually, FAST_QUERIES, startBench, type Bench } from './payment-bench';
import { testCardFingerprint } from '../helpers/test-fingerprint';
import { DEBIT, ISSUER_TIMEOUT, SLOW_ANSWER, UNAVAILABLE } from '../helpers/test-cards';

/** Notifications go nowhere (connection refused), so only answers and queries can settle an attempt. */
const NO_NOTIFICATIONS = { adapter: { backUrl: 'http://127.0.0.1:9/acquirer/notify' } };

/** Fault matrix of docs/reference/security.md §3.2 over the sandbox acquirer server, the ACP adapter and SQLite. */
describe('services: payment faults (F3, F5, acquirer down)', function () {
  this.timeout(20_000);
  let bench: Bench;
  afterEach(async () => {
    await bench?.stop();
  });

  it('F3: when the acquirer times out after receiving the consume, then the attempt is resolved by query as approved and exactly one consume reached the acquirer', async () => {
    // The sandbox holds this card's answer 600 ms; the adapter waits 300 ms.
    bench = await startBench();
    const order = await bench.orderInCall();

    const result = await bench.pay(order.id, SLOW_ANSWER);

    expect(result.outcome).to.equal('approved');
    const [attempt] = await bench.attempts(order.id);
    expect(attempt).to.include({ state: 'approved', amount: 4599, card_masked: '620085******0001' });
    expect(bench.consumes(attempt.id)).to.equal(1);
    expect((await bench.orders.getOrder(bench.merchantId, order.id)).status).to.equal('paid');
    expect(bench.h.logText()).to.include('no trusted answer');
  });

  it('F3: when the issuer times out (03), then a query finds the consume approved and no second consume is sent', async () => {
    bench = await startBench();
    const order = await bench.orderInCall();

    const result = await bench.pay(order.id, ISSUER_TIMEOUT);

    expect(result.outcome).to.equal('approved');
    const [attempt] = await bench.attempts(order.id);
    expect(attempt.state).to.equal('approved');
    expect(bench.consumes(attempt.id)).to.equal(1);
  });

  it('F3: when every query of the schedule stays unknown, then the caller hears pending, the attempt is left unknown_manual with an alert, and one consume was sent', async () => {
    bench = await startBench(NO_NOTIFICATIONS);
    const acquirer = { ...bench.h.acquirer, query: () => Promise.resolve({ outcome: 'pending' as const }) };
    const payments = createPaymentService({
      cardFingerprint: testCardFingerprint,
      store: bench.store,
      log: bench.log,
      now: bench.h.clock.now,
      acquirer,
      callerWaitMs: 5000,
      queryDelaysMs: FAST_QUERIES,
    });
    const order = await bench.orderInCall();
    const holder = { idNumber: TEST_HOLDER.idNumber, mobile: TEST_HOLDER.mobile };

    const result = await payments.pay({ orderId: order.id, callId: 'call-1', card: bench.card(DEBIT), bankCode: 'pab', holder });

    expect(result.outcome).to.equal('pending');
    const [attempt] = await bench.attempts(order.id);
    expect(attempt.state).to.equal('unknown_manual');
    expect(bench.consumes(attempt.id)).to.equal(1);
    expect(bench.logText()).to.match(/"alert":"payment_unresolved"/);
    // Until the reconciliation file decides, the order cannot be paid a second time.
    await bench.orders.releaseAfterCall(order.id, 'call-1', 'abandoned');
    expect(await bench.orders.claimByPayCode(order.payCode, 'call-2')).to.deep.equal({ ok: false, reason: 'not_payable' });
  });

  it('F5: when the answer to the consume is tampered with, then it is rejected, the attempt is resolved by query as approved, and one consume was sent', async () => {
    bench = await startBench();
    const order = await bench.orderInCall();
    bench.h.server.testHooks.tamperNextAnswers(1);

    const result = await bench.pay(order.id, DEBIT);

    expect(result.outcome).to.equal('approved');
    const [attempt] = await bench.attempts(order.id);
    expect(bench.consumes(attempt.id)).to.equal(1);
    expect(attempt.state).to.equal('approved');
    expect(bench.h.logText()).to.match(/consume: no trusted answer/);
  });

  it('when the caller stops waiting before the answer, then they hear pending, the order cannot be claimed meanwhile, and the late result marks it paid with one consume', async () => {
    bench = await startBench({ ...NO_NOTIFICATIONS, callerWaitMs: 100 });
    const order = await bench.orderInCall();

    const result = await bench.pay(order.id, SLOW_ANSWER);

    expect(result.outcome).to.equal('pending');
    expect((await bench.attempts(order.id))[0].state).to.equal('unknown');
    await bench.orders.releaseAfterCall(order.id, 'call-1', 'abandoned');
    expect(await bench.orders.claimByPayCode(order.payCode, 'call-2')).to.deep.equal({ ok: false, reason: 'not_payable' });
    expect(await eventually(async () => (await bench.orders.getOrder(bench.merchantId, order.id)).status === 'paid')).to.equal(
      true,
    );
    const [attempt] = await bench.attempts(order.id);
    expect(attempt.state).to.equal('approved');
    expect(bench.consumes(attempt.id)).to.equal(1);
    expect(await bench.events(order.id, 'order.paid')).to.equal(1);
  });

  describe('acquirer down', () => {
    async function callWithDebitCard(
      pan: string,
    ): Promise<{ call: FakeCall; outcome: string; orderId: string; payCode: string }> {
      const order = await bench.orders.createOrder(bench.merchantId, {
        merchantOrderId: `DOWN${Date.now()}${pan.slice(-3)}`,
        amount: 4599,
      });
      const call = new FakeCall({
        id: 'call-down',
        answers: {
          card: `${pan}#`,
          pin: `${TEST_PIN}#`,
          id: `${TEST_HOLDER.idNumber}#`,
          mobile: `${TEST_HOLDER.mobile}#`,
          confirm: '1',
        },
      });
      const deps = {
        orders: bench.orders,
        cards: createBankService({ store: bench.store, log: bench.log, now: bench.h.clock.now }),
        payments: bench.payments,
        settings: {
          firstDigitTimeoutMs: 1000,
          interDigitTimeoutMs: 1000,
          completePauseMs: 1000,
          maxAttempts: 3,
          maxCards: 3,
          languageSwitch: false,
          languageSwitchTimeoutMs: 1000,
        },
        now: bench.h.clock.now,
        log: bench.log,
      };
      const outcome = await runPaymentCall(call, deps, { payCode: order.payCode });
      return { call, outcome, orderId: order.id, payCode: order.payCode as string };
    }

    it('when the acquirer server is down, then the caller is told to try later, nothing was charged and the order stays payable', async () => {
      bench = await startBench();
      await bench.h.server.stop();

      const { call, outcome, orderId, payCode } = await callWithDebitCard(DEBIT);

      expect(outcome).to.equal('unavailable');
      expect(call.heard()).to.include.members(['please-wait', 'acquirer-unavailable', 'goodbye']);
      const [attempt] = await bench.attempts(orderId);
      expect(attempt.state).to.equal('not_sent');
      const order = await bench.orders.getOrder(bench.merchantId, orderId);
      expect(order.status).to.equal('abandoned');
      expect(order.payCode).to.equal(payCode);
      expect((await bench.orders.claimByPayCode(payCode, 'call-next')).ok).to.equal(true);
    });

    it('when the acquirer refuses the consume (HTTP 503), then the query finds no such transaction, the caller is told to try later and the order stays payable', async () => {
      bench = await startBench();

      const { call, outcome, orderId, payCode } = await callWithDebitCard(UNAVAILABLE);

      expect(outcome).to.equal('unavailable');
      expect(call.heard()).to.include('acquirer-unavailable');
      const [attempt] = await bench.attempts(orderId);
      expect(attempt.state).to.equal('not_found');
      expect((await bench.orders.claimByPayCode(payCode, 'call-next')).ok).to.equal(true);
    });
  });
});
