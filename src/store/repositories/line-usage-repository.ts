import type { LineUsageRow } from '../rows';
import type { Source } from '../source';

/** The `line_usage` table: the running service's last snapshot of its lines, for another process to read. */
export interface LineUsageRepository {
  /** Inserts or replaces the snapshot `row.id`. */
  save(row: LineUsageRow): Promise<void>;
  find(id: string): Promise<LineUsageRow | undefined>;
}

export function createLineUsageRepository(db: Source): LineUsageRepository {
  return {
    async save(row) {
      await db.table('line_usage').insert(row).onConflict('id').merge();
    },

    find: (id) => db.table('line_usage').where({ id }).first(),
  };
}
