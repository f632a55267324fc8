import type { BankRow } from '../rows';
import type { Source } from '../source';

/** The `banks` table: only banks whose status an admin changed have a row. */
export interface BankRepository {
  list(): Promise<BankRow[]>;
  /** Inserts or replaces the bank's status. */
  setStatus(code: string, status: string, nowIso: string): Promise<void>;
}

export function createBankRepository(db: Source): BankRepository {
  return {
    list: () => db.table('banks').select('*'),

    async setStatus(code, status, nowIso) {
      await db.table('banks').insert({ code, status, updated_at: nowIso }).onConflict('code').merge();
    },
  };
}
