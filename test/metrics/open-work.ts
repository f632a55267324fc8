import type { TestDeps } from '../helpers/test-db';
import { seedCallbacks } from '../helpers/seed-callbacks';

/** The phone number seedCallbacks gives its orders: it must never appear in a metric. */
export const SEEDED_PHONE = '13552535506';

/**
 * Work left open in the store, as the gauges count it: 4 callback orders (3 due, 1 being dialled), payment
 * attempts 2 unknown + 1 unknown_manual + 1 approved, notifications 2 pending + 1 failed + 1 delivered, SMS 1 queued +
 * 2 failed + 1 sent. Returns the order ids (which must never appear in a metric either).
 */
export async function seedOpenWork(deps: Pick<TestDeps, 'db' | 'store' | 'now'>): Promise<string[]> {
  const now = deps.now();
  const at = now.toISOString();
  const later = new Date(now.getTime() + 60_000).toISOString();
  const orderIds = await seedCallbacks(deps.store, 4, now);
  await deps.db('callbacks').where({ order_id: orderIds[0] }).update({ state: 'dialing', locked_until: later, lease_token: 't' });
  const { merchant_id } = await deps
    .db('orders')
    .where({ id: orderIds[0] })
    .first('merchant_id')
    .then((row) => row!);

  const attempts = ['unknown', 'unknown', 'unknown_manual', 'approved'] as const;
  await deps.db('order_attempts').insert(
    attempts.map((_, i) => ({
      id: `oa_${i}`,
      order_id: orderIds[i],
      call_id: `channel-${i}`,
      started_at: at,
      outcome: 'paid',
    })),
  );
  await deps.db('payment_attempts').insert(
    attempts.map((state, i) => ({
      id: `att_${i}`,
      order_id: orderIds[i],
      order_attempt_id: `oa_${i}`,
      call_id: `channel-${i}`,
      amount: 100,
      currency: 'CNY' as const,
      txn_time: '20260301160000',
      card_masked: '622202******1234',
      card_bank: 'ICBC',
      card_kind: 'debit' as const,
      state,
      created_at: at,
      updated_at: at,
    })),
  );
  const statuses = ['pending', 'pending', 'failed', 'delivered'] as const;
  await deps.db('notifications').insert(
    statuses.map((status, i) => ({
      id: `evt_${i}`,
      merchant_id,
      order_id: orderIds[i],
      type: 'order.paid',
      payload: '{}',
      url: 'https://shop.example/notify',
      status,
      next_attempt_at: at,
      give_up_at: later,
      created_at: at,
    })),
  );
  const sms = ['queued', 'failed', 'failed', 'sent'] as const;
  await deps.db('sms').insert(
    sms.map((status, i) => ({
      id: `sms_${i}`,
      order_id: orderIds[i],
      to: SEEDED_PHONE,
      text: 'reminder',
      status,
      next_attempt_at: at,
      created_at: at,
    })),
  );
  return orderIds;
}
