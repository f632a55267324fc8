import type { Knex } from 'knex';

/** The two stores: SQLite (the default, one file) and PostgreSQL (DATABASE_URL, several nodes). */
export type Dialect = 'sqlite' | 'postgres';

/** Which store `db` (the store's knex or a transaction on it) runs on. */
export function dialectOf(db: Knex | Knex.Transaction): Dialect {
  // knex types its client as `any`; `dialect` is the name of the client's SQL flavour.
  const client = db.client as { dialect: string };
  return client.dialect === 'postgresql' ? 'postgres' : 'sqlite';
}
