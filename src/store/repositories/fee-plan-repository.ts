import type { FeePlanRow } from '../settlement-rows';
import type { Source } from '../source';

/** The `fee_plans` table (migration 009): one plan per merchant. */
export interface FeePlanRepository {
  /** Inserts the plan, or replaces the merchant's plan (its created_at kept). */
  save(row: FeePlanRow): Promise<void>;
  find(merchantId: string): Promise<FeePlanRow | undefined>;
}

const MONEY = [
  'opening_fee',
  'annual_fee_per_account',
  'debit_min_fee',
  'debit_max_fee',
  'credit_min_fee',
  'credit_max_fee',
  'inbound_per_minute',
  'outbound_per_minute',
] as const;

/** bigint columns may come back as strings (PostgreSQL): rows leave the store with numbers. */
function withNumbers(row: FeePlanRow): FeePlanRow {
  const out = { ...row };
  for (const column of MONEY) out[column] = Number(row[column]);
  return out;
}

export function createFeePlanRepository(db: Source): FeePlanRepository {
  return {
    async save(row) {
      const { created_at: _created, ...changes } = row;
      await db.table('fee_plans').insert(row).onConflict('merchant_id').merge(changes);
    },

    async find(merchantId) {
      const row = await db.table('fee_plans').where({ merchant_id: merchantId }).first();
      return row && withNumbers(row);
    },
  };
}
