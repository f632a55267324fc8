import Database from 'better-sqlite3';
import type { Knex } from 'knex';

const WRITES = /^\s*(insert|update|delete|replace)\b/i;

interface Pool {
  on(event: 'acquireSuccess', handler: (eventId: number, conn: Database.Database) => void): void;
}

export interface DiskFull {
  /** The disk fills after the next `afterWrites` write statements, for `writes` of them; `onFull` once it does. */
  fill(afterWrites: number, writes: number, onFull: () => void): void;
  /** Statements refused so far. */
  refused(): number;
}

/**
 * A full disk under the store, without a loop-mounted filesystem (the chaos runs have no root): while it lasts,
 * every INSERT, UPDATE and DELETE of the service fails with better-sqlite3's own SqliteError SQLITE_FULL, as
 * SQLite answers when it cannot grow the database or its WAL. The statement does not run; the transaction around
 * it stays open for the service to roll back, as after a real SQLITE_FULL. Reads and COMMIT still work.
 * Counted in write statements rather than time, so that a drawn window lands on every step of the write path
 * alike (a claim, an attempt, an outcome, a release, the outbox, a delivery) and a replay hits the same step.
 */
export function injectDiskFull(db: Knex): DiskFull {
  let writes = 0;
  let window = { from: 0, to: 0 };
  let onFull: (() => void) | undefined;
  let refused = 0;
  const wrapped = new WeakSet<Database.Database>();
  const wrap = (conn: Database.Database) => {
    if (wrapped.has(conn)) return;
    wrapped.add(conn);
    const prepare = conn.prepare.bind(conn);
    conn.prepare = (sql: string) => {
      if (WRITES.test(sql)) {
        const n = writes++;
        if (n >= window.from && n < window.to) {
          refused += 1;
          onFull?.();
          onFull = undefined;
          throw new Database.SqliteError('database or disk is full', 'SQLITE_FULL');
        }
      }
      return prepare(sql);
    };
  };
  // knex's pool may make a new connection (after its idle timeout): each one is wrapped when first handed out.
  (db.client as { pool: Pool }).pool.on('acquireSuccess', (_id, conn) => wrap(conn));
  return {
    fill(afterWrites, count, full) {
      window = { from: writes + afterWrites, to: writes + afterWrites + count };
      onFull = full;
    },
    refused: () => refused,
  };
}
