import type { Knex } from 'knex';

/** Query builders on the group's connection. */
export type GroupQuery = (table: string) => Knex.QueryBuilder;

/**
 * One write of a group: a single statement, so that a failure undoes it alone (SQLite aborts just that statement).
 * `on` is the group's connection: query builders, or what `bind` made of them (the store's repositories).
 */
export type GroupWrite<T, On = GroupQuery> = (on: On) => Promise<T>;

export interface GroupCommit<On = GroupQuery> {
  /**
   * Runs `write` with the next group and settles once the group has committed, so a resolved write is
   * as durable as one committed alone. `write` must use only `on`: the store has one connection,
   * which the group holds while it runs.
   */
  write<T>(write: GroupWrite<T, On>): Promise<T>;
}

/** A better-sqlite3 connection, as far as the group looks at it. */
interface Connection {
  inTransaction: boolean;
}

/** knex's pool, which it does not type. */
interface PoolClient {
  acquireConnection(): Promise<Connection>;
  releaseConnection(conn: Connection): void;
}

/** Writes in one group at most, so that other queries waiting for the connection are not held long. */
export const MAX_GROUP = 64;

interface Pending<On> {
  write: GroupWrite<unknown, On>;
  resolve(value: unknown): void;
  reject(err: unknown): void;
}

type Outcome = { ok: true; value: unknown } | { ok: false; err: unknown };

/**
 * Group commit: the merchant API's writes that arrive together share one transaction, so they share
 * one commit (and, with SQLITE_SYNCHRONOUS=full, one fsync) instead of paying one each. The group
 * forms while the previous one commits. It holds the connection itself and runs BEGIN IMMEDIATE and
 * COMMIT as plain statements: a knex transaction object cost about 80 µs to set up (bench:api), more
 * than the writes it carried. A group of one is a plain autocommit statement. `bind` runs once per
 * connection (the store keeps one), not per group or write, so what it builds costs a request nothing.
 */
export function createGroupCommit(db: Knex): GroupCommit;
export function createGroupCommit<On>(db: Knex, bind: (on: GroupQuery) => On): GroupCommit<On>;
export function createGroupCommit<On>(db: Knex, bind?: (on: GroupQuery) => On): GroupCommit<On> {
  const bindGroup = bind ?? ((on: GroupQuery) => on as On);
  const client = db.client as PoolClient;
  let bound: { conn: Connection; on: On } | undefined;
  let queue: Pending<On>[] = [];
  let running = false;

  /** `stillOpen` tells whether SQLite kept the transaction after a failed statement (it rolls it all back on I/O errors). */
  async function runWrites(group: Pending<On>[], on: On, stillOpen: () => boolean): Promise<Outcome[]> {
    const outcomes: Outcome[] = [];
    for (const pending of group) {
      try {
        outcomes.push({ ok: true, value: await pending.write(on) });
      } catch (err) {
        if (!stillOpen()) throw err;
        outcomes.push({ ok: false, err });
      }
    }
    return outcomes;
  }

  async function runGroup(group: Pending<On>[]): Promise<Outcome[]> {
    const conn = await client.acquireConnection();
    if (bound?.conn !== conn) bound = { conn, on: bindGroup((table) => db(table).connection(conn)) };
    const { on } = bound;
    const statement = (sql: string) => db.raw(sql).connection(conn);
    try {
      if (group.length === 1) return await runWrites(group, on, () => true);
      await statement('BEGIN IMMEDIATE');
      try {
        const outcomes = await runWrites(group, on, () => conn.inTransaction);
        await statement('COMMIT');
        return outcomes;
      } catch (err) {
        // We still hold the connection, so nothing else can run inside the failed transaction.
        await statement('ROLLBACK').catch(() => undefined);
        throw err;
      }
    } finally {
      client.releaseConnection(conn);
    }
  }

  async function drain(): Promise<void> {
    try {
      while (queue.length > 0) {
        const group = queue.slice(0, MAX_GROUP);
        queue = queue.slice(group.length);
        try {
          const outcomes = await runGroup(group);
          group.forEach((pending, i) => {
            const outcome = outcomes[i];
            if (outcome.ok) pending.resolve(outcome.value);
            else pending.reject(outcome.err);
          });
        } catch (err) {
          // Nothing of the group is stored: every write fails, with the reason.
          for (const pending of group) pending.reject(err);
        }
      }
    } finally {
      running = false;
    }
  }

  return {
    write<T>(write: GroupWrite<T, On>): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        queue.push({ write, resolve, reject });
        // Wait one turn so that requests parsed in the same turn join the group.
        if (!running) {
          running = true;
          setImmediate(() => void drain());
        }
      });
    },
  };
}
