import type Database from 'better-sqlite3';
import type { Knex } from 'knex';
import { dialectOf } from './dialect';

/**
 * Proves the store takes writes. SQLite: the write lock is taken and given back (`BEGIN IMMEDIATE; ROLLBACK`),
 * writing nothing. It runs on the connection itself, held from the pool so no other query of this process
 * can slip into the empty transaction. Throws SQLITE_BUSY when another process holds the lock past
 * busy_timeout, SQLITE_READONLY when the file cannot be written.
 */
export async function checkStoreWritable(db: Knex): Promise<void> {
  if (dialectOf(db) === 'postgres') return checkPostgresWritable(db);
  const pool = db.client as Pool;
  const conn = await pool.acquireConnection();
  try {
    conn.exec('BEGIN IMMEDIATE');
    conn.exec('ROLLBACK');
  } finally {
    await pool.releaseConnection(conn);
  }
}

/** knex types its client's connections as `any`; with the better-sqlite3 client they are these. */
interface Pool {
  acquireConnection(): Promise<Database.Database>;
  releaseConnection(conn: Database.Database): Promise<void>;
}

/**
 * PostgreSQL: the server answers and takes writes, i.e. it is not a read-only standby (a failover in progress) nor
 * set read-only. Throws `store_read_only` otherwise, a code and no message that could quote the server.
 */
async function checkPostgresWritable(db: Knex): Promise<void> {
  const result = await db.raw<{ rows: { transaction_read_only: string }[] }>('show transaction_read_only');
  if (result.rows[0]?.transaction_read_only !== 'off') {
    throw Object.assign(new Error('the PostgreSQL server takes no writes'), { code: 'store_read_only' });
  }
}
