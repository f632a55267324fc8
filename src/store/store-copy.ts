import type { Knex } from 'knex';
import { AppError } from '../domain/app-error';

/** Rows copied per table, in the order copied (parents before the tables that refer to them). */
export type CopyReport = Array<{ table: string; rows: number }>;

export interface CopyOptions {
  /** Rows read and inserted at a time; PostgreSQL takes at most 65,535 parameters a statement. */
  batch?: number;
  /** A node whose heartbeat is newer than this is running on the source: the copy is refused. */
  liveSinceIso?: string;
  onTable?: (table: string, rows: number) => void;
}

const BATCH = 500;

/** The source's tables with data, parents first: every foreign key points to a table copied before it. */
async function tablesInOrder(sqlite: Knex): Promise<string[]> {
  const tables = (await sqlite('sqlite_master')
    .where({ type: 'table' })
    .whereNot('name', 'like', 'sqlite_%')
    .whereNot('name', 'like', 'knex_%')
    .orderBy('name')
    .pluck('name')) as string[];
  const parents = new Map<string, string[]>();
  for (const table of tables) {
    const keys = await sqlite.raw<Array<{ table: string }>>(`pragma foreign_key_list("${table}")`);
    parents.set(
      table,
      keys.map((k) => k.table).filter((p) => p !== table),
    );
  }
  const ordered: string[] = [];
  while (ordered.length < tables.length) {
    const ready = tables.filter((t) => !ordered.includes(t) && parents.get(t)!.every((p) => ordered.includes(p)));
    if (ready.length === 0) throw new Error('foreign keys form a cycle');
    ordered.push(...ready);
  }
  return ordered;
}

async function migrationsOf(db: Knex): Promise<string[]> {
  return (await db('knex_migrations').orderBy('name').pluck('name')) as string[];
}

/**
 * Copies every row of a SQLite store into an empty PostgreSQL store, both migrated by the same ivrpay (README,
 * "Moving from SQLite to PostgreSQL"). One PostgreSQL transaction: a failure leaves the target as empty as it was.
 * The source is read in one read transaction, so the copy is one moment of it; the service must be stopped (a node
 * heartbeat newer than `liveSinceIso` refuses the copy), or what it writes after that moment would be left behind.
 * Counts are checked table by table before the commit, and serial ids continue after the copied ones.
 */
export async function copyStore(sqlite: Knex, postgres: Knex, opts: CopyOptions = {}): Promise<CopyReport> {
  const [from, to] = [await migrationsOf(sqlite), await migrationsOf(postgres)];
  if (from.join() !== to.join()) {
    throw new AppError(
      'conflict',
      `the two stores are at different migrations (${from.at(-1)} and ${to.at(-1)}): migrate both with this ivrpay`,
    );
  }
  const tables = await tablesInOrder(sqlite);
  if (opts.liveSinceIso && tables.includes('nodes')) {
    const live = await sqlite('nodes').where('heartbeat_at', '>', opts.liveSinceIso).pluck('id');
    if (live.length) throw new AppError('conflict', `node ${live.join(', ')} is running on the SQLite store: stop it first`);
  }
  for (const table of tables) {
    if (await postgres(table).first())
      throw new AppError('conflict', `the PostgreSQL store is not empty (table ${table} has rows)`);
  }
  const batch = opts.batch ?? BATCH;
  const report: CopyReport = [];
  await sqlite.transaction(async (source) => {
    await postgres.transaction(async (target) => {
      for (const table of tables) {
        let copied = 0;
        for (let last = -1; ;) {
          const rows = (await source(table)
            .select(source.raw('rowid as __rowid'), '*')
            .where('rowid', '>', last)
            .orderBy('rowid')
            .limit(batch)) as Array<Record<string, unknown> & { __rowid: number }>;
          if (rows.length === 0) break;
          last = rows[rows.length - 1].__rowid;
          await target(table).insert(rows.map(({ __rowid: _rowid, ...row }) => row));
          copied += rows.length;
        }
        const [{ count }] = await target(table).count<Array<{ count: number | string }>>({ count: '*' });
        if (Number(count) !== copied) throw new Error(`table ${table}: ${copied} rows read, ${count} in PostgreSQL`);
        await continueSerial(target, table);
        report.push({ table, rows: copied });
        opts.onTable?.(table, copied);
      }
    });
  });
  return report;
}

/** A serial `id` (reconciliation items, settlement entries) continues after the largest id copied. */
async function continueSerial(target: Knex.Transaction, table: string): Promise<void> {
  // Through the catalogue, so a table without a serial id gives no row instead of an error (which would abort the
  // transaction).
  const { rows } = await target.raw<{ rows: Array<{ seq: string | null }> }>(
    `select pg_get_serial_sequence(quote_ident(table_name), column_name) as seq from information_schema.columns
       where table_schema = current_schema() and table_name = ? and column_name = 'id'`,
    [table],
  );
  if (!rows[0]?.seq) return;
  await target.raw(`select setval(?, coalesce((select max(id) from ??), 0) + 1, false)`, [rows[0].seq, table]);
}
