import type { Knex } from 'knex';
import { FAR_FUTURE, insertBenchMerchant } from './load-callbacks';

/** Rows an INSERT … SELECT makes at a time: a progress line per step, and no single huge transaction. */
const STEP = 250_000;

/**
 * loadCallbacks (load-callbacks.ts) on PostgreSQL, the same rows (sequential ids, every (pending/due)-th row due,
 * spread through the table), made by the server itself with generate_series: a million orders and callbacks load
 * in tens of seconds, where sending them as parameters would take minutes.
 */
export async function loadCallbacksPostgres(
  db: Knex,
  pending: number,
  due: number,
  now: Date,
  progress: (loaded: number) => void = () => undefined,
): Promise<void> {
  const nowIso = now.toISOString();
  const merchantId = await insertBenchMerchant(db, nowIso);
  const step = Math.floor(pending / due);
  for (let start = 0; start < pending; start += STEP) {
    const range = [start, Math.min(pending, start + STEP) - 1];
    await db.transaction(async (trx) => {
      await trx.raw(
        `insert into orders (id, merchant_id, merchant_order_id, amount, currency, description, mode, status,
                             expires_at, created_at, updated_at)
         select 'ord_' || lpad(to_hex(g), 12, '0'), ?, 'B' || lpad(to_hex(g), 12, '0'), 100, 'CNY', '', 'callback',
                'created', ?, ?, ?
         from generate_series(?::int, ?::int) g`,
        [merchantId, FAR_FUTURE, nowIso, nowIso, ...range],
      );
      await trx.raw(
        `insert into callbacks (id, order_id, phone, state, next_call_at, attempts_made, created_at, updated_at)
         select 'cb_' || lpad(to_hex(g), 12, '0'), 'ord_' || lpad(to_hex(g), 12, '0'), '13800000002', 'scheduled',
                case when g % ?::int = 0 then ? else ? end, 0, ?, ?
         from generate_series(?::int, ?::int) g`,
        [step, nowIso, FAR_FUTURE, nowIso, nowIso, ...range],
      );
    });
    progress(range[1] + 1);
  }
}
