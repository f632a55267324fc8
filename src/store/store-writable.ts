import type Database from 'better-sqlite3';
import type { Knex } from 'knex';

/**
 * Proves the store takes writes: the write lock is taken and given back (`BEGIN IMMEDIATE; ROLLBACK`),
 * writing nothing. It runs on the connection itself, held from the pool so no other query of this process
 * can slip into the empty transaction. Throws SQLITE_BUSY when another process holds the lock past
 * busy_timeout, SQLITE_READONLY when the file cannot be written.
 */
export async function checkStoreWritable(db: Knex): Promise<void> {
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
