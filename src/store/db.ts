import fs from 'node:fs';
import path from 'node:path';
import knex from 'knex';
import type { Knex } from 'knex';
import { setUpConnection, type SqliteSynchronous } from './sqlite-connection';

export type { Knex } from 'knex';

/**
 * Opens the SQLite store: `':memory:'` for tests, else a file whose folder is created.
 * One better-sqlite3 connection (kept on purpose): every query of this process is serialised
 * on it, and a second process (the admin CLI) waits up to busy_timeout for the write lock.
 */
export async function openDb(file: string, opts: { synchronous?: SqliteSynchronous } = {}): Promise<Knex> {
  const inMemory = file === ':memory:';
  if (!inMemory) fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const db = knex({
    client: 'better-sqlite3',
    connection: { filename: file },
    useNullAsDefault: true,
    pool: {
      min: 1,
      max: 1,
      // An in-memory database lives and dies with its connection: never let the pool recycle it.
      idleTimeoutMillis: inMemory ? Number.MAX_SAFE_INTEGER : 30_000,
      afterCreate: setUpConnection(opts.synchronous ?? 'full'),
    },
  });
  return answering(db);
}

/** `db` once it has answered a query; closed, and the error passed on, when it cannot (a bad path, a refused login). */
export async function answering(db: Knex): Promise<Knex> {
  try {
    await db.raw('select 1');
  } catch (err) {
    await db.destroy();
    throw err;
  }
  return db;
}
