import type { SettlementBatchRow, SettlementEntryRow } from '../settlement-rows';
import type { Source } from '../source';

export type NewEntry = Omit<SettlementEntryRow, 'id'>;

/** The settlement journal (migration 009): batches and their entries, inserted once and never updated. */
export interface SettlementRepository {
  insertBatch(row: SettlementBatchRow): Promise<void>;
  insertEntries(rows: NewEntry[]): Promise<void>;
  findBatch(id: string): Promise<SettlementBatchRow | undefined>;
  findBatchFor(merchantId: string, settlementDate: string): Promise<SettlementBatchRow | undefined>;
  /** Batches of a settlement date (of one merchant when given), or the latest ones when no date is given. */
  listBatches(filter: { settlementDate?: string; merchantId?: string; limit?: number }): Promise<SettlementBatchRow[]>;
  entriesOf(batchId: string): Promise<SettlementEntryRow[]>;
  /** Source ids of the merchant's opening and annual fee entries: the fee periods already charged. */
  journaledFeePeriods(merchantId: string): Promise<Set<string>>;
}

const BATCH_MONEY = ['gross', 'refunds', 'transaction_fees', 'communication_fees', 'annual_fees', 'opening_fees', 'net'] as const;

function batchWithNumbers(row: SettlementBatchRow): SettlementBatchRow {
  const out = { ...row };
  for (const column of BATCH_MONEY) out[column] = Number(row[column]);
  return out;
}

export function createSettlementRepository(db: Source): SettlementRepository {
  const batches = () => db.table('settlement_batches');
  return {
    async insertBatch(row) {
      await batches().insert(row);
    },

    async insertEntries(rows) {
      // Chunked: SQLite caps the variables of one statement.
      for (let i = 0; i < rows.length; i += 50) await db.table('settlement_entries').insert(rows.slice(i, i + 50));
    },

    async findBatch(id) {
      const row = await batches().where({ id }).first();
      return row && batchWithNumbers(row);
    },

    async findBatchFor(merchantId, settlementDate) {
      const row = await batches().where({ merchant_id: merchantId, settlement_date: settlementDate }).first();
      return row && batchWithNumbers(row);
    },

    async listBatches(filter) {
      const query = batches();
      if (filter.settlementDate) query.where({ settlement_date: filter.settlementDate });
      if (filter.merchantId) query.where({ merchant_id: filter.merchantId });
      const rows = await query
        .orderBy('settlement_date', 'desc')
        .orderBy('merchant_id')
        .limit(filter.limit ?? 1000);
      return rows.map(batchWithNumbers);
    },

    async entriesOf(batchId) {
      const rows = await db.table('settlement_entries').where({ batch_id: batchId }).orderBy('id');
      return rows.map((r) => ({ ...r, amount: Number(r.amount) }));
    },

    async journaledFeePeriods(merchantId) {
      const rows = await db
        .table('settlement_entries')
        .where({ merchant_id: merchantId })
        .whereIn('source_kind', ['opening_fee', 'annual_fee'])
        .select('source_id');
      return new Set(rows.map((r) => r.source_id));
    },
  };
}
