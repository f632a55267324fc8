import { expect } from 'chai';
import { TEST_HOLDER, TEST_PIN } from '../../sandbox-acquirer/test-cards';
import type { OrderView } from '../../src/order/order-view';
import { api, newOrder, startE2e, TEST_CONTEXT, type E2eHarness } from '../helpers/e2e-service';
import { creditPaymentKeys, DEBIT, INSUFFICIENT_FUNDS } from '../helpers/test-cards';

const holder = { id: `${TEST_HOLDER.idNumber}#`, mobile: `${TEST_HOLDER.mobile}#` };

describe('inbound payment call through the sandbox Asterisk @e2e', function () {
  this.timeout(120_000);
  let h: E2eHarness;

  before(async () => {
    h = await startE2e('inbound-call');
  });
  after(async () => {
    await h?.stop();
  });

  const dial = (payCode: string) => `Local/${payCode}@${TEST_CONTEXT}`;

  it('when a cardholder keys the credit test card, then the order is paid and the result announced', async () => {
    const order = await newOrder(h);
    const result = await h.caller.call({
      endpoint: dial(order.payCode),
      answers: creditPaymentKeys(),
      timeoutMs: 90_000,
    });
    expect(result.fieldsAsked).to.deep.equal(['card', 'expiry', 'cvn2', 'id', 'mobile', 'confirm']);
    expect(result.promptsHeard).to.include('payment-success');
    expect(result.hungUpBy).to.equal('ivr');
    const paid = await api(h, `/v1/orders/${order.id}`);
    expect(paid.status).to.equal('paid');
    expect(paid.card).to.deep.include({ masked: '622155******0000', kind: 'credit' });
    expect(paid).to.not.have.property('payCode');
  });

  // A debit card paid with its PIN: the second card of the next test (and acquirer-payment.e2e.test.ts over ACP).
  it('when the first card is declined, then the reason is announced and another card pays', async () => {
    const order = await newOrder(h);
    const result = await h.caller.call({
      endpoint: dial(order.payCode),
      answers: {
        card: [`${INSUFFICIENT_FUNDS}#`, `${DEBIT}#`],
        pin: [`${TEST_PIN}#`, `${TEST_PIN}#`],
        id: [holder.id, holder.id],
        mobile: [holder.mobile, holder.mobile],
        confirm: ['1', '1'],
        'another-card': '1',
      },
      timeoutMs: 90_000,
    });
    expect(result.promptsHeard).to.include.members(['payment-declined', 'reason-insufficient_funds', 'payment-success']);
    expect(result.fieldsAsked.filter((f) => f === 'card')).to.have.length(2);
    const paid = await api(h, `/v1/orders/${order.id}`);
    expect(paid.status).to.equal('paid');
    expect(paid.attempts).to.have.length(1);
  });

  it('when the caller hangs up while keying the PIN, then the order is abandoned, unpaid and still payable', async () => {
    const order = await newOrder(h);
    const result = await h.caller.call({
      endpoint: dial(order.payCode),
      answers: { card: `${DEBIT}#` },
      hangupAfterField: 'pin',
      timeoutMs: 60_000,
    });
    expect(result.hungUpBy).to.equal('caller');
    const after = await waitForStatus(h, order.id, 'abandoned');
    expect(after.payCode).to.equal(order.payCode);
    expect(after).to.not.have.property('card');
  });

  it('when the caller keys a wrong pay code three times, then the call ends politely', async () => {
    const result = await h.caller.call({
      endpoint: `Local/s@${TEST_CONTEXT}`,
      answers: { 'pay-code': ['000001#', '000002#', '000003#'] },
      timeoutMs: 90_000,
    });
    expect(result.fieldsAsked).to.deep.equal(['pay-code', 'pay-code', 'pay-code']);
    expect(result.promptsHeard).to.include.members(['pay-code-invalid', 'too-many-attempts', 'goodbye']);
    expect(result.hungUpBy).to.equal('ivr');
  });
});

describe('inbound call while the app is down @e2e', function () {
  this.timeout(60_000);

  it('when no app is connected, then the dialplan fallback plays "service unavailable" and hangs up', async () => {
    const h = await startE2e('app-down');
    await h.service.stop({ graceMs: 0 });
    try {
      const result = await h.caller.call({ endpoint: `Local/s@${TEST_CONTEXT}`, answers: {}, timeoutMs: 30_000 });
      expect(result.fallback).to.equal(true);
      expect(result.hungUpBy).to.equal('ivr');
    } finally {
      await h.caller.close();
    }
  });
});

async function waitForStatus(h: E2eHarness, id: string, status: string): Promise<OrderView> {
  for (let i = 0; i < 50; i += 1) {
    const order = await api(h, `/v1/orders/${id}`);
    if (order.status === status) return order;
    await new Promise((r) => setTimeout(r, 100));
  }
  return api(h, `/v1/orders/${id}`);
}
