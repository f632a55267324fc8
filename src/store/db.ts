import fs from 'node:fs';
import path from 'node:path';
import knex from 'knex';
import type { Knex } from 'knex';

export type { Knex } from 'knex';

interface SqliteConnection {
  run(sql: string, callback: (err: Error | null) => void): void;
}

function runPragmas(conn: SqliteConnection, pragmas: string[], done: (err: Error | null, conn: unknown) => void): void {
  const [first, ...rest] = pragmas;
  if (first === undefined) return done(null, conn);
  conn.run(first, (err) => (err ? done(err, conn) : runPragmas(conn, rest, done)));
}

/**
 * Opens the SQLite store: `':memory:'` for tests, else a file whose folder is created.
 * One connection (knex's sqlite3 default, kept on purpose): every query of this process is serialised
 * on it, and a second process (the admin CLI) waits up to busy_timeout for the write lock.
 */
export async function openDb(file: string): Promise<Knex> {
  const inMemory = file === ':memory:';
  if (!inMemory) fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const db = knex({
    client: 'sqlite3',
    connection: { filename: file },
    useNullAsDefault: true,
    pool: {
      min: 1,
      max: 1,
      // An in-memory database lives and dies with its connection: never let the pool recycle it.
      idleTimeoutMillis: inMemory ? Number.MAX_SAFE_INTEGER : 30_000,
      afterCreate: (conn: SqliteConnection, done: (err: Error | null, conn: unknown) => void) =>
        runPragmas(conn, ['PRAGMA journal_mode = WAL', 'PRAGMA busy_timeout = 5000', 'PRAGMA foreign_keys = ON'], done),
    },
  });
  try {
    await db.raw('select 1');
  } catch (err) {
    await db.destroy();
    throw err;
  }
  return db;
}
