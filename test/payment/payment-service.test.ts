import { expect } from 'chai';
import type { PaymentResult } from '../../src/call/payment-result';
import type { PendingPayment } from '../../src/call/pending-payment';
import type { PaymentInput, PreparedAttempt } from '../../src/call/call-ports';
import type { AcquirerPort, PaymentRequest, QueryResult, SmsCodeResult } from '../../src/acquirer/acquirer-port';
import { AppError } from '../../src/domain/app-error';
import { createMerchantService } from '../../src/services/merchant-service';
import { createOrderService, type OrderService } from '../../src/order/order-service';
import type { PaymentAttemptRow } from '../../src/store/payment-rows';
import { createPaymentService, type PaymentService } from '../../src/payment/payment-service';
import { createTestDeps, type TestDeps } from '../helpers/test-db';
import { acquirerBasics } from '../helpers/acquirer-basics';
import { testCardFingerprint } from '../helpers/test-fingerprint';
import { CREDIT, DEBIT } from '../helpers/test-cards';

const debitCard = { pan: DEBIT, kind: 'debit' as const, pin: '123456' };
const holder = { idNumber: '341126197709218366', mobile: '13552535506' };

/** A debit payment of `order` on call-1, as the call script hands it over; `over` changes what a test is about. */
function payInput(
  order: { id: string },
  over: Partial<PaymentInput> & { attempt?: PreparedAttempt } = {},
): PaymentInput & { attempt?: PreparedAttempt } {
  return { orderId: order.id, callId: 'call-1', card: debitCard, bankCode: 'pab', holder, ...over };
}

type FakeAcquirer = AcquirerPort & {
  requests: PaymentRequest[];
  smsRequests: PaymentRequest[];
  queryAnswers: QueryResult[];
  queries: number;
  smsAnswer: SmsCodeResult;
};

/** Answers each payment with the next scripted behaviour, each query with the next scripted answer (else not found). */
function fakeAcquirer(...answers: Array<() => Promise<PaymentResult | PendingPayment>>): FakeAcquirer {
  const fake: FakeAcquirer = {
    ...acquirerBasics,
    requests: [],
    smsRequests: [],
    queryAnswers: [],
    queries: 0,
    smsAnswer: { ok: true },
    pay: (request) => {
      fake.requests.push(request);
      const next = answers.shift();
      if (!next) throw new Error('unexpected payment');
      return next();
    },
    query: () => {
      fake.queries += 1;
      return Promise.resolve(fake.queryAnswers.shift() ?? { outcome: 'not_found' });
    },
    smsCodeRequired: () => true,
    requestSmsCode: (request) => {
      fake.smsRequests.push(request);
      return Promise.resolve(fake.smsAnswer);
    },
  };
  return fake;
}

const approved = () => Promise.resolve<PaymentResult>({ outcome: 'approved', acquirerRef: 'ref-1', responseCode: '00' });
const pending = () => Promise.resolve<PendingPayment>({ outcome: 'pending', responseCode: '00' });
const insufficient = () =>
  Promise.resolve<PaymentResult>({ outcome: 'declined', reason: 'insufficient_funds', responseCode: '51' });

describe('payment/payment-service', () => {
  let deps: TestDeps;
  let orders: OrderService;
  let merchantId: string;

  async function orderInCall(callId = 'call-1') {
    const order = await orders.createOrder(merchantId, { merchantOrderId: `A${Math.random()}`, amount: 12345 });
    await orders.claimByPayCode(order.payCode!, callId);
    return order;
  }

  function payments(acquirer: AcquirerPort, callerWaitMs = 1000): PaymentService {
    return createPaymentService({
      cardFingerprint: testCardFingerprint,
      ...deps,
      acquirer,
      callerWaitMs,
      queryDelaysMs: [5, 5, 5],
    });
  }

  const attemptsOf = (orderId: string): Promise<PaymentAttemptRow[]> =>
    deps.db('payment_attempts').where({ order_id: orderId }).orderBy('created_at');

  beforeEach(async () => {
    deps = await createTestDeps();
    orders = createOrderService({ ...deps, defaultExpiresSeconds: 1800 });
    merchantId = (await createMerchantService(deps).createMerchant('Acme')).id;
  });
  afterEach(() => deps.db.destroy());

  it('when the acquirer approves, then the order is paid with the masked card and its pay code is spent', async () => {
    const order = await orderInCall();
    const acquirer = fakeAcquirer(approved);

    const result = await payments(acquirer).pay(payInput(order));

    expect(result.outcome).to.equal('approved');
    expect(acquirer.requests[0]).to.deep.include({ orderId: order.id, amount: 12345, currency: 'CNY', card: debitCard, holder });
    expect(acquirer.requests[0].attemptId).to.match(/^att_[0-9a-f]{20}-1$/);
    const read = await orders.getOrder(merchantId, order.id);
    expect(read.status).to.equal('paid');
    expect(read).not.to.have.property('payCode');
    expect(read.card).to.deep.equal({ masked: '621626*********0018', bank: 'pab', kind: 'debit' });
    expect(read.attempts).to.have.length(1);
    expect(read.attempts[0]).to.include({ outcome: 'paid', endedAt: '2026-03-01T08:00:00.000Z' });
    // The card is known again by its keyed fingerprint, on the attempt and on the paid order.
    const fingerprint = testCardFingerprint(debitCard.pan);
    expect((await attemptsOf(order.id)).map((a) => a.card_fingerprint)).to.deep.equal([fingerprint]);
    expect((await deps.db('orders').where({ id: order.id }).first('card_fingerprint'))?.card_fingerprint).to.equal(fingerprint);
    expect(await orders.claimByPayCode(order.payCode!, 'call-2')).to.deep.equal({ ok: false, reason: 'paid' });
    // The call's own release afterwards changes nothing.
    await orders.releaseAfterCall(order.id, 'call-1', 'abandoned');
    expect((await orders.getOrder(merchantId, order.id)).status).to.equal('paid');
  });

  it('when the acquirer approves, then its reference is saved on the attempt and on the order', async () => {
    const order = await orderInCall();

    await payments(fakeAcquirer(approved)).pay(payInput(order));

    expect((await attemptsOf(order.id)).map((a) => [a.state, a.acquirer_ref])).to.deep.equal([['approved', 'ref-1']]);
    expect((await deps.db('orders').where({ id: order.id }).first('acquirer_ref'))?.acquirer_ref).to.equal('ref-1');
  });

  it('when the acquirer declines, then the reason is kept, the call still holds the order and may try another card', async () => {
    const order = await orderInCall();
    const acquirer = fakeAcquirer(insufficient, approved);
    const service = payments(acquirer);

    const first = await service.pay(payInput(order));
    expect(first).to.deep.equal({ outcome: 'declined', reason: 'insufficient_funds', responseCode: '51' });
    let read = await orders.getOrder(merchantId, order.id);
    expect(read).to.include({ status: 'in_call', declineReason: 'insufficient_funds' });
    expect(read.attempts[0]).to.include({ outcome: 'in_call', declineReason: 'insufficient_funds' });

    const credit = { pan: CREDIT, kind: 'credit' as const, cvn2: '123', expiryMmyy: '1230' };
    await service.pay(payInput(order, { card: credit }));
    expect(acquirer.requests[1].attemptId).to.equal(acquirer.requests[0].attemptId.replace(/-1$/, '-2'));
    read = await orders.getOrder(merchantId, order.id);
    expect(read.status).to.equal('paid');
    expect(read.card).to.deep.equal({ masked: '622155******0000', bank: 'pab', kind: 'credit' });
    expect(read).not.to.have.property('declineReason');
  });

  it('when the call ends after a decline, then the order reads declined', async () => {
    const order = await orderInCall();
    await payments(fakeAcquirer(insufficient)).pay(payInput(order));
    await orders.releaseAfterCall(order.id, 'call-1', 'declined');
    const read = await orders.getOrder(merchantId, order.id);
    expect(read).to.include({ status: 'declined', declineReason: 'insufficient_funds' });
    expect(read.payCode).to.equal(order.payCode);
  });

  it('when the acquirer adapter throws, then it may have sent: a query finds nothing, the answer is unavailable, and it was sent once', async () => {
    const order = await orderInCall();
    const acquirer = fakeAcquirer(() => Promise.reject(new Error('connect ECONNREFUSED')));

    const result = await payments(acquirer).pay(payInput(order));

    expect(result).to.deep.equal({ outcome: 'unavailable' });
    expect(acquirer.requests).to.have.length(1);
    expect(acquirer.queries).to.equal(1);
    expect((await attemptsOf(order.id))[0].state).to.equal('not_found');
    expect((await orders.getOrder(merchantId, order.id)).status).to.equal('in_call');
  });

  it('when the acquirer throws synchronously, then the answer is unavailable too', async () => {
    const order = await orderInCall();
    const acquirer: AcquirerPort = {
      ...acquirerBasics,
      pay: () => {
        throw new Error('bad configuration');
      },
      query: () => Promise.resolve({ outcome: 'not_found' }),
    };
    const result = await payments(acquirer).pay(payInput(order));
    expect(result).to.deep.equal({ outcome: 'unavailable' });
  });

  it('when the attempt is recorded, then it carries the txnTime (Beijing) and amount the acquirer was sent, and no card data', async () => {
    const order = await orderInCall();
    const acquirer = fakeAcquirer(approved);

    await payments(acquirer).pay(payInput(order));

    const [row] = await attemptsOf(order.id);
    expect(row).to.include({
      id: acquirer.requests[0].attemptId,
      txn_time: '20260301160000',
      amount: 12345,
      state: 'approved',
      card_masked: '621626*********0018',
    });
    expect(acquirer.requests[0].txnTime).to.equal('20260301160000');
    expect(JSON.stringify(row)).to.not.include(debitCard.pan).and.not.include(debitCard.pin);
  });

  it('when the consume is only accepted (pending), then queries settle it and the caller hears the final answer', async () => {
    const order = await orderInCall();
    const acquirer = fakeAcquirer(pending);
    acquirer.queryAnswers.push({ outcome: 'pending' }, { outcome: 'approved', acquirerRef: 'ref-q', responseCode: '00' });

    const result = await payments(acquirer).pay(payInput(order));

    expect(result).to.deep.include({ outcome: 'approved', acquirerRef: 'ref-q' });
    expect(acquirer.requests).to.have.length(1);
    expect(acquirer.queries).to.equal(2);
    expect((await orders.getOrder(merchantId, order.id)).status).to.equal('paid');
  });

  it('when no final answer comes within the caller’s wait, then the caller hears pending at once, the attempt is unknown and nothing is sent again', async () => {
    const order = await orderInCall();
    const acquirer = fakeAcquirer(() => new Promise<PaymentResult>(() => undefined));
    const started = Date.now();

    const result = await payments(acquirer, 100).pay(payInput(order));

    expect(result).to.deep.equal({ outcome: 'pending' });
    expect(Date.now() - started).to.be.lessThan(1000);
    expect(acquirer.requests).to.have.length(1);
    expect((await attemptsOf(order.id))[0].state).to.equal('unknown');
    expect((await orders.getOrder(merchantId, order.id)).status).to.equal('in_call');
  });

  it('when an approval arrives after the caller stopped waiting, then the order is paid, and until then it could not be claimed again', async () => {
    const order = await orderInCall();
    let approveLate: (r: PaymentResult) => void = () => undefined;
    const acquirer = fakeAcquirer(() => new Promise<PaymentResult>((resolve) => (approveLate = resolve)));

    const result = await payments(acquirer, 50).pay(payInput(order));
    expect(result.outcome).to.equal('pending');
    await orders.releaseAfterCall(order.id, 'call-1', 'abandoned');
    expect(await orders.claimByPayCode(order.payCode!, 'call-2')).to.deep.equal({ ok: false, reason: 'not_payable' });

    approveLate({ outcome: 'approved', acquirerRef: 'late-1', responseCode: '00' });
    let status = '';
    for (let i = 0; i < 50 && status !== 'paid'; i++) {
      await new Promise((r) => setTimeout(r, 10));
      status = (await orders.getOrder(merchantId, order.id)).status;
    }
    expect(status).to.equal('paid');
    expect(acquirer.requests).to.have.length(1);
  });

  it('when the service stops while queries are still due, then the attempt stays unknown for the recovery job (not unknown_manual)', async () => {
    const order = await orderInCall();
    const acquirer = fakeAcquirer(pending);
    const service = createPaymentService({
      cardFingerprint: testCardFingerprint,
      ...deps,
      acquirer,
      callerWaitMs: 50,
      queryDelaysMs: [60_000],
    });

    expect((await service.pay(payInput(order))).outcome).to.equal('pending');
    expect(service.busy(order.id)).to.equal(true);
    await service.stop();

    expect(service.busy(order.id)).to.equal(false);
    expect((await attemptsOf(order.id))[0].state).to.equal('unknown');
    expect(acquirer.queries).to.equal(0);
  });

  it('when many payments wait for their queries at once, then Node warns of no listener leak', async () => {
    const warnings: string[] = [];
    const onWarning = (w: Error) => warnings.push(w.name);
    process.on('warning', onWarning);
    try {
      const acquirer = fakeAcquirer(pending);
      const service = createPaymentService({
        cardFingerprint: testCardFingerprint,
        ...deps,
        acquirer,
        callerWaitMs: 20,
        queryDelaysMs: [60_000],
      });
      const held = [];
      for (let i = 0; i < 15; i++) held.push(await orderInCall(`call-${i}`));
      await Promise.all(held.map((order, i) => service.pay(payInput(order, { callId: `call-${i}` }))));
      await new Promise((resolve) => setImmediate(resolve));
      await service.stop();
    } finally {
      process.off('warning', onWarning);
    }
    expect(warnings).to.not.include('MaxListenersExceededWarning');
  });

  describe('SMS code', () => {
    it('when a code is requested and then the payment sent, then both name the same attempt, txnTime and amount, and one attempt is recorded', async () => {
      const order = await orderInCall();
      const acquirer = fakeAcquirer(approved);
      const service = payments(acquirer);

      const requested = await service.requestSmsCode(payInput(order));
      expect(requested.ok).to.equal(true);
      expect((await attemptsOf(order.id))[0].state).to.equal('prepared');
      deps.advance(30_000);
      const attempt = requested.ok ? requested.attempt : undefined;
      const result = await service.pay(payInput(order, { holder: { ...holder, smsCode: '111111' }, attempt }));

      expect(result.outcome).to.equal('approved');
      const [sms] = acquirer.smsRequests;
      expect(acquirer.requests[0]).to.deep.include({ attemptId: sms.attemptId, txnTime: sms.txnTime, amount: sms.amount });
      expect(acquirer.requests[0].holder.smsCode).to.equal('111111');
      const rows = await attemptsOf(order.id);
      expect(rows.map((r) => r.state)).to.deep.equal(['approved']);
    });

    it('when the acquirer will not send a code, then the reason comes back and the prepared attempt is closed as not sent', async () => {
      const order = await orderInCall();
      const acquirer = fakeAcquirer();
      acquirer.smsAnswer = { ok: false, reason: 'card_not_supported' };

      const requested = await payments(acquirer).requestSmsCode(payInput(order));

      expect(requested).to.deep.equal({ ok: false, reason: 'card_not_supported' });
      expect((await attemptsOf(order.id))[0]).to.include({ state: 'not_sent', decline_reason: 'card_not_supported' });
    });

    it('when the acquirer does not ask for SMS codes, then no card needs one; when it does, its answer is used', () => {
      const withoutSms: AcquirerPort = { ...fakeAcquirer(), smsCodeRequired: undefined };
      expect(payments(withoutSms).smsCodeRequired(debitCard)).to.equal(false);
      expect(payments({ ...withoutSms, smsCodeRequired: () => true }).smsCodeRequired(debitCard)).to.equal(true);
      expect(payments({ ...withoutSms, smsCodeRequired: () => false }).smsCodeRequired(debitCard)).to.equal(false);
    });

    for (const [what, requestSmsCode] of [
      ['cannot send codes at all', undefined],
      ['fails to send the code', () => Promise.reject(new Error('connection reset'))],
    ] as const) {
      it(`when the acquirer ${what}, then the answer is unavailable and the attempt closes as not sent with no decline reason`, async () => {
        const order = await orderInCall();
        const acquirer: AcquirerPort = { ...fakeAcquirer(), requestSmsCode };
        const requested = await payments(acquirer).requestSmsCode(payInput(order));
        expect(requested).to.deep.equal({ ok: false, reason: 'unavailable' });
        expect((await attemptsOf(order.id))[0]).to.include({ state: 'not_sent', decline_reason: null });
      });
    }

    it('when a later call holds the order, then it cannot pay the prepared attempt of the call before it', async () => {
      const order = await orderInCall('call-1');
      const acquirer = fakeAcquirer(approved);
      const requested = await payments(acquirer).requestSmsCode(payInput(order));
      const attempt = requested.ok ? requested.attempt : undefined;
      await orders.releaseAfterCall(order.id, 'call-1', 'abandoned');
      await orders.claimByPayCode(order.payCode!, 'call-2');

      const error = await payments(acquirer)
        .pay(payInput(order, { callId: 'call-2', attempt }))
        .catch((err: unknown) => err);

      expect(error).to.be.instanceOf(AppError);
      expect((error as AppError).message).to.equal('the prepared attempt is not this call’s to pay');
      expect(acquirer.requests).to.have.length(0);
    });

    it('when another call tries to pay a prepared attempt, then nothing is sent', async () => {
      const order = await orderInCall();
      const acquirer = fakeAcquirer(approved);
      const requested = await payments(acquirer).requestSmsCode(payInput(order));
      const attempt = requested.ok ? requested.attempt : undefined;

      const error = await payments(acquirer)
        .pay(payInput(order, { callId: 'call-2', attempt }))
        .catch((err: unknown) => err);

      expect((error as AppError).code).to.equal('order_not_payable');
      expect(acquirer.requests).to.have.length(0);
    });
  });

  it('when the acquirer refuses the consume with a code (unavailable), then the attempt is not sent and the code is kept on the attempt and the call', async () => {
    const order = await orderInCall();
    const acquirer = fakeAcquirer(() => Promise.resolve<PaymentResult>({ outcome: 'unavailable', responseCode: '96' }));
    const result = await payments(acquirer).pay(payInput(order));
    expect(result.outcome).to.equal('unavailable');
    const [row] = await attemptsOf(order.id);
    expect(row).to.include({ state: 'not_sent', response_code: '96' });
    const callRow = await deps.db('order_attempts').where({ id: row.order_attempt_id }).first();
    expect(callRow).to.not.equal(undefined);
    expect(callRow?.response_code).to.equal('96');
  });

  it('when a payment is in flight, then its order is busy until it is answered, even if another call’s try is refused meanwhile', async () => {
    const order = await orderInCall('call-1');
    let answer: (result: PaymentResult) => void = () => {};
    const acquirer = fakeAcquirer(() => new Promise<PaymentResult>((resolve) => (answer = resolve)));
    const service = payments(acquirer, 60_000);
    expect(service.busy(order.id)).to.equal(false);

    const paying = service.pay(payInput(order));
    expect(service.busy(order.id)).to.equal(true);
    const refused = await service.pay(payInput(order, { callId: 'call-2' })).catch((err: unknown) => err);
    expect((refused as AppError).code).to.equal('order_not_payable');
    expect(service.busy(order.id), 'still busy with call-1’s payment').to.equal(true);

    answer({ outcome: 'approved', acquirerRef: 'ref-1', responseCode: '00' });
    expect((await paying).outcome).to.equal('approved');
    expect(service.busy(order.id)).to.equal(false);
  });

  it('when the first answer is pending with a reference and every query stays pending, then the attempt keeps that reference and code', async () => {
    const order = await orderInCall();
    const acquirer = fakeAcquirer(() =>
      Promise.resolve<PendingPayment>({ outcome: 'pending', responseCode: '03', acquirerRef: 'ref-pending' }),
    );
    acquirer.queryAnswers.push({ outcome: 'pending' }, { outcome: 'pending' }, { outcome: 'pending' });

    expect((await payments(acquirer).pay(payInput(order))).outcome).to.equal('pending');

    const [row] = await attemptsOf(order.id);
    expect(row).to.include({ state: 'unknown_manual', response_code: '03', acquirer_ref: 'ref-pending' });
  });

  it('when the store fails while the approval is recorded, then the caller hears pending and the attempt stays as sent, for the recovery job', async () => {
    const order = await orderInCall();
    await deps.db.raw(
      "CREATE TRIGGER refuse_approval BEFORE UPDATE ON payment_attempts WHEN NEW.state = 'approved' BEGIN SELECT RAISE(ABORT, 'disk I/O error'); END",
    );
    const result = await payments(fakeAcquirer(approved)).pay(payInput(order));
    expect(result).to.deep.equal({ outcome: 'pending' });
    expect((await attemptsOf(order.id))[0].state).to.equal('sending');
  });

  it('when the order is not held by this call, then nothing is sent to the acquirer', async () => {
    const order = await orderInCall('call-1');
    const acquirer = fakeAcquirer(approved);
    const error = await payments(acquirer)
      .pay(payInput(order, { callId: 'call-2' }))
      .catch((err: unknown) => err);
    expect(error).to.be.instanceOf(AppError);
    expect((error as AppError).code).to.equal('order_not_payable');
    expect((error as AppError).message).to.equal('the order is not held by this call');
    expect(acquirer.requests).to.have.length(0);
  });
});
