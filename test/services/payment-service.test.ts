import { expect } from 'chai';
import type { AcquirerPort, PaymentRequest, PaymentResult } from '../../src/acquirer/acquirer-port';
import type { PaymentsForCall } from '../../src/call/call-ports';
import { AppError } from '../../src/domain/app-error';
import { createMerchantService } from '../../src/services/merchant-service';
import { createOrderService, type OrderService } from '../../src/services/order-service';
import { createPaymentService } from '../../src/services/payment-service';
import { createTestDeps, type TestDeps } from '../helpers/test-db';

const debitCard = { pan: '6216261000000000018', kind: 'debit' as const, pin: '123456' };
const holder = { idNumber: '341126197709218366', mobile: '13552535506' };

/** Answers each payment with the next scripted behaviour and remembers what it was sent. */
function fakeAcquirer(...answers: Array<() => Promise<PaymentResult>>): AcquirerPort & { requests: PaymentRequest[] } {
  const requests: PaymentRequest[] = [];
  return {
    requests,
    pay: (request) => {
      requests.push(request);
      const next = answers.shift();
      if (!next) throw new Error('unexpected payment');
      return next();
    },
  };
}

const approved = () => Promise.resolve<PaymentResult>({ outcome: 'approved', acquirerRef: 'ref-1', responseCode: '00' });
const insufficient = () =>
  Promise.resolve<PaymentResult>({ outcome: 'declined', reason: 'insufficient_funds', responseCode: '51' });

describe('services/payment-service', () => {
  let deps: TestDeps;
  let orders: OrderService;
  let merchantId: string;

  async function orderInCall(callId = 'call-1') {
    const order = await orders.createOrder(merchantId, { merchantOrderId: `A${Math.random()}`, amount: 12345 });
    await orders.claimByPayCode(order.payCode!, callId);
    return order;
  }

  function payments(acquirer: AcquirerPort, timeoutMs = 1000): PaymentsForCall {
    return createPaymentService({ ...deps, acquirer, timeoutMs });
  }

  beforeEach(async () => {
    deps = await createTestDeps();
    orders = createOrderService({ ...deps, defaultExpiresSeconds: 1800 });
    merchantId = (await createMerchantService(deps).createMerchant('Acme')).id;
  });
  afterEach(() => deps.db.destroy());

  it('when the acquirer approves, then the order is paid with the masked card and its pay code is spent', async () => {
    const order = await orderInCall();
    const acquirer = fakeAcquirer(approved);

    const result = await payments(acquirer).pay({ orderId: order.id, callId: 'call-1', card: debitCard, bankCode: 'pab', holder });

    expect(result.outcome).to.equal('approved');
    expect(acquirer.requests[0]).to.deep.include({ orderId: order.id, amount: 12345, currency: 'CNY', card: debitCard, holder });
    expect(acquirer.requests[0].attemptId).to.match(/^att_[0-9a-f]{20}-1$/);
    const read = await orders.getOrder(merchantId, order.id);
    expect(read.status).to.equal('paid');
    expect(read).not.to.have.property('payCode');
    expect(read.card).to.deep.equal({ masked: '621626*********0018', bank: 'pab', kind: 'debit' });
    expect(read.attempts).to.have.length(1);
    expect(read.attempts[0]).to.include({ outcome: 'paid', endedAt: '2026-03-01T08:00:00.000Z' });
    expect(await orders.claimByPayCode(order.payCode!, 'call-2')).to.deep.equal({ ok: false, reason: 'paid' });
    // The call's own release afterwards changes nothing.
    await orders.releaseAfterCall(order.id, 'call-1', 'abandoned');
    expect((await orders.getOrder(merchantId, order.id)).status).to.equal('paid');
  });

  it('when the acquirer declines, then the reason is kept, the call still holds the order and may try another card', async () => {
    const order = await orderInCall();
    const acquirer = fakeAcquirer(insufficient, approved);
    const service = payments(acquirer);

    const first = await service.pay({ orderId: order.id, callId: 'call-1', card: debitCard, bankCode: 'pab', holder });
    expect(first).to.deep.equal({ outcome: 'declined', reason: 'insufficient_funds', responseCode: '51' });
    let read = await orders.getOrder(merchantId, order.id);
    expect(read).to.include({ status: 'in_call', declineReason: 'insufficient_funds' });
    expect(read.attempts[0]).to.include({ outcome: 'in_call', declineReason: 'insufficient_funds' });

    const credit = { pan: '6221558812340000', kind: 'credit' as const, cvn2: '123', expiryMmyy: '1230' };
    await service.pay({ orderId: order.id, callId: 'call-1', card: credit, bankCode: 'pab', holder });
    expect(acquirer.requests[1].attemptId).to.equal(acquirer.requests[0].attemptId.replace(/-1$/, '-2'));
    read = await orders.getOrder(merchantId, order.id);
    expect(read.status).to.equal('paid');
    expect(read.card).to.deep.equal({ masked: '622155******0000', bank: 'pab', kind: 'credit' });
    expect(read).not.to.have.property('declineReason');
  });

  it('when the call ends after a decline, then the order reads declined', async () => {
    const order = await orderInCall();
    await payments(fakeAcquirer(insufficient)).pay({ orderId: order.id, callId: 'call-1', card: debitCard, bankCode: 'pab', holder });
    await orders.releaseAfterCall(order.id, 'call-1', 'declined');
    const read = await orders.getOrder(merchantId, order.id);
    expect(read).to.include({ status: 'declined', declineReason: 'insufficient_funds' });
    expect(read.payCode).to.equal(order.payCode);
  });

  it('when the acquirer throws, then the answer is unavailable, sent once, and the order stays with the call', async () => {
    const order = await orderInCall();
    const acquirer = fakeAcquirer(() => Promise.reject(new Error('connect ECONNREFUSED')));

    const result = await payments(acquirer).pay({ orderId: order.id, callId: 'call-1', card: debitCard, bankCode: 'pab', holder });

    expect(result).to.deep.equal({ outcome: 'unavailable' });
    expect(acquirer.requests).to.have.length(1);
    expect((await orders.getOrder(merchantId, order.id)).status).to.equal('in_call');
  });

  it('when the acquirer throws synchronously, then the answer is unavailable too', async () => {
    const order = await orderInCall();
    const acquirer: AcquirerPort = {
      pay: () => {
        throw new Error('bad configuration');
      },
    };
    const result = await payments(acquirer).pay({ orderId: order.id, callId: 'call-1', card: debitCard, bankCode: 'pab', holder });
    expect(result).to.deep.equal({ outcome: 'unavailable' });
  });

  it('when the acquirer does not answer in time, then the answer is unavailable and the order is not paid', async () => {
    const order = await orderInCall();
    const acquirer = fakeAcquirer(() => new Promise<PaymentResult>(() => undefined));
    const started = Date.now();

    const result = await payments(acquirer, 100).pay({ orderId: order.id, callId: 'call-1', card: debitCard, bankCode: 'pab', holder });

    expect(result).to.deep.equal({ outcome: 'unavailable' });
    expect(Date.now() - started).to.be.lessThan(1000);
    expect(acquirer.requests).to.have.length(1);
    expect((await orders.getOrder(merchantId, order.id)).status).to.equal('in_call');
  });

  it('when an approval arrives after the timeout, then the order is still recorded as paid', async () => {
    const order = await orderInCall();
    let approveLate: (r: PaymentResult) => void = () => undefined;
    const acquirer = fakeAcquirer(() => new Promise<PaymentResult>((resolve) => (approveLate = resolve)));

    const result = await payments(acquirer, 50).pay({ orderId: order.id, callId: 'call-1', card: debitCard, bankCode: 'pab', holder });
    expect(result.outcome).to.equal('unavailable');
    await orders.releaseAfterCall(order.id, 'call-1', 'abandoned');

    approveLate({ outcome: 'approved', acquirerRef: 'late-1', responseCode: '00' });
    let status = '';
    for (let i = 0; i < 50 && status !== 'paid'; i++) {
      await new Promise((r) => setTimeout(r, 10));
      status = (await orders.getOrder(merchantId, order.id)).status;
    }
    expect(status).to.equal('paid');
    expect(acquirer.requests).to.have.length(1);
  });

  it('when the order is not held by this call, then nothing is sent to the acquirer', async () => {
    const order = await orderInCall('call-1');
    const acquirer = fakeAcquirer(approved);
    const error = await payments(acquirer)
      .pay({ orderId: order.id, callId: 'call-2', card: debitCard, bankCode: 'pab', holder })
      .catch((err: unknown) => err);
    expect(error).to.be.instanceOf(AppError);
    expect((error as AppError).code).to.equal('order_not_payable');
    expect(acquirer.requests).to.have.length(0);
  });
});
