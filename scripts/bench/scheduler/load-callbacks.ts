import type { Knex } from 'knex';

const BATCH = 2000;
export const FAR_FUTURE = '2099-01-01T00:00:00.000Z';

/** The one merchant the loaded orders belong to; its id. */
export async function insertBenchMerchant(db: Knex, nowIso: string): Promise<string> {
  const merchantId = 'mer_bench';
  await db('merchants').insert({
    id: merchantId,
    name: 'bench',
    api_key_hash: 'x'.repeat(64),
    api_key_prefix: 'bench',
    created_at: nowIso,
  });
  return merchantId;
}

/**
 * Fills an empty store with `pending` scheduled callbacks of which `due` are due at `now`, the rest far in
 * the future. Orders are needed for the foreign key; ids are sequential, not random, to load fast.
 */
export async function loadCallbacks(db: Knex, pending: number, due: number, now: Date): Promise<void> {
  const nowIso = now.toISOString();
  const merchantId = await insertBenchMerchant(db, nowIso);
  for (let start = 0; start < pending; start += BATCH) {
    const n = Math.min(BATCH, pending - start);
    const ids = Array.from({ length: n }, (_, i) => (start + i).toString(16).padStart(12, '0'));
    await db.transaction(async (trx) => {
      await trx.batchInsert(
        'orders',
        ids.map((id) => orderRow(id, merchantId, nowIso)),
        500,
      );
      await trx.batchInsert(
        'callbacks',
        ids.map((id, i) => ({
          id: `cb_${id}`,
          order_id: `ord_${id}`,
          phone: '13800000002',
          state: 'scheduled',
          // Due rows are spread through the table, so an index must find them, not a lucky first page.
          next_call_at: (start + i) % Math.floor(pending / due) === 0 ? nowIso : FAR_FUTURE,
          attempts_made: 0,
          created_at: nowIso,
          updated_at: nowIso,
        })),
        500,
      );
    });
  }
}

function orderRow(id: string, merchantId: string, nowIso: string) {
  return {
    id: `ord_${id}`,
    merchant_id: merchantId,
    merchant_order_id: `B${id}`,
    amount: 100,
    currency: 'CNY',
    description: '',
    mode: 'callback',
    status: 'created',
    expires_at: FAR_FUTURE,
    created_at: nowIso,
    updated_at: nowIso,
  };
}
