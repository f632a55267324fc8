import type { Knex } from 'knex';
import { tableOn, type TableName, type TableQuery } from './tables';

/** Where a repository's statements run: the store's pool, a transaction, or a commit group's connection. */
export interface Source {
  table<N extends TableName>(name: N): TableQuery<N>;
  /** A statement of its own (e.g. a lock), on this source's connection. */
  raw(sql: string, bindings: readonly Knex.RawBinding[]): Knex.Raw;
  /** The store's knex, for SQL fragments (raw, ref, subqueries) only: a statement run on it would leave this source. */
  readonly knex: Knex;
}

/** Statements on `db` (the pool or a transaction), fragments from the store's `knex`. */
export function sourceOn(db: Knex | Knex.Transaction, knex: Knex): Source {
  return { table: (name) => tableOn(db, name), raw: (sql, bindings) => db.raw(sql, bindings), knex };
}
