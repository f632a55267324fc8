import Database from 'better-sqlite3';
import type { Knex } from 'knex';

const WRITES = /^\s*(insert|update|delete|replace)\b/i;

interface Pool {
  on(event: 'acquireSuccess', handler: (eventId: number, conn: Database.Database) => void): void;
}

export interface DiskFull {
  /** Writes fail for `ms` from now. */
  fillFor(ms: number): void;
  /** Statements refused so far. */
  refused(): number;
}

/**
 * A full disk under the store, without a loop-mounted filesystem (the chaos runs have no root): while it lasts,
 * every INSERT, UPDATE and DELETE of the service fails with better-sqlite3's own SqliteError SQLITE_FULL, as
 * SQLite answers when it cannot grow the database or its WAL. The statement does not run; the transaction around
 * it stays open for the service to roll back, as after a real SQLITE_FULL. Reads and COMMIT still work.
 */
export function injectDiskFull(db: Knex): DiskFull {
  let until = 0;
  let refused = 0;
  const wrapped = new WeakSet<Database.Database>();
  const wrap = (conn: Database.Database) => {
    if (wrapped.has(conn)) return;
    wrapped.add(conn);
    const prepare = conn.prepare.bind(conn);
    conn.prepare = (sql: string) => {
      if (Date.now() < until && WRITES.test(sql)) {
        refused += 1;
        throw new Database.SqliteError('database or disk is full', 'SQLITE_FULL');
      }
      return prepare(sql);
    };
  };
  // knex's pool may make a new connection (after its idle timeout): each one is wrapped when first handed out.
  (db.client as { pool: Pool }).pool.on('acquireSuccess', (_id, conn) => wrap(conn));
  return {
    fillFor(ms) {
      until = Date.now() + ms;
    },
    refused: () => refused,
  };
}
