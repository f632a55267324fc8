import { expect } from 'chai';
import { acpOrderIdOf } from '../../src/acquirer/acp/attempt-order-id';
import { TEST_HOLDER, TEST_PIN } from '../../sandbox-acquirer/test-cards';
import { verifyIvrpaySignature } from '../../src/notify/verify-signature';
import { api, newOrder, startE2e, TEST_CONTEXT, type E2eHarness } from '../helpers/e2e-service';
import { startMerchantEndpoint } from '../helpers/merchant-endpoint';
import { creditPaymentKeys, DEBIT, SMS_CODE_CARD } from '../helpers/test-cards';

const holder = { id: `${TEST_HOLDER.idNumber}#`, mobile: `${TEST_HOLDER.mobile}#` };

/** The acquirer's consumes for the order's attempts (the sandbox acquirer server counts them). */
async function consumesFor(h: E2eHarness, orderId: string): Promise<number[]> {
  const rows: Array<{ id: string }> = await h.service.db('payment_attempts').where({ order_id: orderId }).select('id');
  const stats = h.service.acquirer.sandbox?.stats().consumesByOrderId ?? {};
  return rows.map((row) => stats[acpOrderIdOf(row.id)] ?? 0);
}

describe('payments through the sandbox Asterisk and the sandbox acquirer server over ACP @e2e', function () {
  this.timeout(120_000);
  let h: E2eHarness;

  before(async () => {
    h = await startE2e('acquirer-payment');
  });
  after(async () => {
    await h?.stop();
  });

  const dial = (payCode: string) => `Local/${payCode}@${TEST_CONTEXT}`;

  it('when a cardholder pays by credit card, then the acquirer received one signed consume and the order is paid', async () => {
    const order = await newOrder(h);
    const result = await h.caller.call({
      endpoint: dial(order.payCode),
      answers: creditPaymentKeys(),
      timeoutMs: 90_000,
    });
    expect(result.promptsHeard).to.include('payment-success');
    expect((await api(h, `/v1/orders/${order.id}`)).status).to.equal('paid');
    expect(await consumesFor(h, order.id)).to.deep.equal([1]);
  });

  it('when a cardholder pays by debit card with the PIN, then the order is paid after one consume', async () => {
    const order = await newOrder(h, 1005_00);
    const result = await h.caller.call({
      endpoint: dial(order.payCode),
      answers: { card: `${DEBIT}#`, pin: `${TEST_PIN}#`, ...holder, confirm: '1' },
      timeoutMs: 90_000,
    });
    expect(result.fieldsAsked).to.deep.equal(['card', 'pin', 'id', 'mobile', 'confirm']);
    expect(result.promptsHeard).to.include('payment-success');
    expect((await api(h, `/v1/orders/${order.id}`)).status).to.equal('paid');
    expect(await consumesFor(h, order.id)).to.deep.equal([1]);
  });

  it('when the card needs an SMS code, then the caller keys 111111 after the holder fields and the order is paid', async () => {
    const order = await newOrder(h);
    const result = await h.caller.call({
      endpoint: dial(order.payCode),
      answers: { card: `${SMS_CODE_CARD}#`, pin: `${TEST_PIN}#`, ...holder, 'sms-code': `${TEST_HOLDER.smsCode}#`, confirm: '1' },
      timeoutMs: 90_000,
    });
    expect(result.fieldsAsked).to.deep.equal(['card', 'pin', 'id', 'mobile', 'sms-code', 'confirm']);
    expect(result.promptsHeard).to.include.members(['enter-sms-code', 'payment-success']);
    expect((await api(h, `/v1/orders/${order.id}`)).status).to.equal('paid');
    expect(await consumesFor(h, order.id)).to.deep.equal([1]);
  });

  it('when an order with a notify URL is paid by phone, then the merchant’s endpoint receives order.paid, signed so that it verifies with the webhook secret', async () => {
    const merchantEndpoint = await startMerchantEndpoint();
    try {
      const merchant = await h.service.merchants.createMerchant('e2e notified');
      const created = await fetch(`${h.apiBase}/v1/orders`, {
        method: 'POST',
        headers: { authorization: `Bearer ${merchant.apiKey}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          merchantOrderId: `N${Date.now()}`,
          amount: 8800,
          currency: 'CNY',
          mode: 'inbound',
          notifyUrl: merchantEndpoint.url,
        }),
      });
      const order = (await created.json()) as { id: string; payCode: string };

      const result = await h.caller.call({
        endpoint: dial(order.payCode),
        answers: { card: `${DEBIT}#`, pin: `${TEST_PIN}#`, ...holder, confirm: '1' },
        timeoutMs: 90_000,
      });
      expect(result.promptsHeard).to.include('payment-success');

      // The outbox is delivered every 10 s.
      for (let i = 0; i < 150 && merchantEndpoint.received.length === 0; i++) await new Promise((r) => setTimeout(r, 100));
      expect(merchantEndpoint.received).to.have.length.greaterThan(0);
      const [delivery] = merchantEndpoint.received;
      expect(verifyIvrpaySignature(delivery.body, delivery.signature, merchant.webhookSecret)).to.equal(true);
      expect(verifyIvrpaySignature(delivery.body, delivery.signature, 'whsec_not_the_secret')).to.equal(false);
      const event = JSON.parse(delivery.body) as { type: string };
      expect(event.type).to.equal('order.paid');
      expect(JSON.stringify(event)).to.include(order.id).and.include('621626').and.not.include(DEBIT);
    } finally {
      await merchantEndpoint.close();
    }
  });
});
