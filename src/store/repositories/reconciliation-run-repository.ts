import type { ReconciliationItemRow, ReconciliationRunRow } from '../reconciliation-rows';
import type { NewRow } from '../tables';
import type { Source } from '../source';

export type NewReconciliationItem = NewRow<ReconciliationItemRow, 'id'>;

/** The `reconciliation_runs` and `reconciliation_items` tables: one run per settlement date, with its items. */
export interface ReconciliationRunRepository {
  /**
   * Writes the date's run and items, replacing those of an earlier run of the date (its first_run_at and a
   * run_count one higher are kept): call it inside the transaction that applies the run's resolutions.
   */
  replace(
    run: Omit<ReconciliationRunRow, 'run_count' | 'first_run_at'>,
    items: NewReconciliationItem[],
  ): Promise<ReconciliationRunRow>;
  find(settleDate: string): Promise<ReconciliationRunRow | undefined>;
  /** The date's items, in file order, then ours. */
  items(settleDate: string): Promise<ReconciliationItemRow[]>;
}

/** SQLite gives integers back as numbers, PostgreSQL's bigint as strings: rows leave the store with numbers. */
function numbers<T extends object>(row: T, keys: (keyof T)[]): T {
  const out = { ...row };
  for (const k of keys) if (out[k] !== null && out[k] !== undefined) (out[k] as unknown) = Number(out[k]);
  return out;
}

const ITEM_NUMBERS: (keyof ReconciliationItemRow)[] = ['file_amount', 'fee', 'our_amount', 'line_no'];
const RUN_NUMBERS: (keyof ReconciliationRunRow)[] = ['fee_total', 'settle_total'];

export function createReconciliationRunRepository(db: Source): ReconciliationRunRepository {
  const runs = () => db.table('reconciliation_runs');
  const items = () => db.table('reconciliation_items');
  return {
    async replace(run, newItems) {
      // The write first: SQLite takes its lock up front.
      await items().where({ settle_date: run.settle_date }).delete();
      const before = await runs().where({ settle_date: run.settle_date }).first();
      const row: ReconciliationRunRow = {
        ...run,
        run_count: (before?.run_count ?? 0) + 1,
        first_run_at: before?.first_run_at ?? run.last_run_at,
      };
      if (before) await runs().where({ settle_date: run.settle_date }).update(row);
      else await runs().insert(row);
      // SQLite allows 999 variables a statement: insert in slices.
      for (let i = 0; i < newItems.length; i += 50) await items().insert(newItems.slice(i, i + 50));
      return row;
    },

    async find(settleDate) {
      const row = await runs().where({ settle_date: settleDate }).first();
      return row && numbers(row, RUN_NUMBERS);
    },

    async items(settleDate) {
      const rows = await items().where({ settle_date: settleDate }).orderByRaw('line_no is null, line_no, id');
      return rows.map((r) => numbers(r, ITEM_NUMBERS));
    },
  };
}
