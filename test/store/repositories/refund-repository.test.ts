import { expect } from 'chai';
import { createStore, type Store } from '../../../src/store/store';
import { describeEachStore, openTestDb, openTwoTestDbs } from '../../helpers/test-db';

const NOW = '2026-03-02T02:00:00.000Z';

async function seedPaidOrder(store: Store, amount: number): Promise<void> {
  await store.merchants.insert({
    id: 'mer_1',
    name: 'Acme',
    api_key_hash: 'h',
    api_key_prefix: 'p',
    created_at: NOW,
    signing_certificate: null,
    webhook_secret: null,
    webhook_secret_previous: null,
    webhook_secret_previous_until: null,
    callback_retry_delays: null,
    callback_hours_start: null,
    callback_hours_end: null,
    callback_time_zone: null,
  });
  await store.orders.insert({
    id: 'ord_1',
    merchant_id: 'mer_1',
    merchant_order_id: 'A1',
    amount,
    currency: 'CNY',
    mode: 'inbound',
    status: 'paid',
    pay_code: null,
    spent_pay_code: '583920',
    expires_at: NOW,
    card_masked: null,
    card_bank: null,
    card_kind: null,
    card_fingerprint: null,
    decline_reason: null,
    acquirer_ref: 'q1',
    in_call_id: null,
    notify_url: null,
    refund_reserved: 0,
    refunded_amount: 0,
    created_at: NOW,
    updated_at: NOW,
  });
}

describeEachStore('store/refund-repository (the refund cap)', () => {
  it('when two connections to one store reserve refunds of one order at once, then they never reserve more than it was paid', async () => {
    const [first, second] = await openTwoTestDbs('refund-reservations.sqlite');
    try {
      await seedPaidOrder(createStore(first), 1_000);
      const reserveMany = (store: Store) =>
        Promise.all(Array.from({ length: 15 }, () => store.refunds.reserve('ord_1', 'mer_1', 70, NOW)));
      const [a, b] = await Promise.all([reserveMany(createStore(first)), reserveMany(createStore(second))]);
      expect([...a, ...b].filter(Boolean)).to.have.length(14); // 14 × 70 = 980 ≤ 1000 < 15 × 70
      expect(await createStore(second).orders.find('ord_1')).to.include({ refund_reserved: 980 });
    } finally {
      await first.destroy();
      await second.destroy();
    }
  });

  it('when the order is another merchant’s or not paid, then nothing is reserved', async () => {
    const db = await openTestDb();
    try {
      const store = createStore(db);
      await seedPaidOrder(store, 1_000);
      expect(await store.refunds.reserve('ord_1', 'mer_other', 1, NOW)).to.equal(false);
      await db('orders').where({ id: 'ord_1' }).update({ status: 'declined' });
      expect(await store.refunds.reserve('ord_1', 'mer_1', 1, NOW)).to.equal(false);
      expect(await store.orders.find('ord_1')).to.include({ refund_reserved: 0 });
    } finally {
      await db.destroy();
    }
  });
});
