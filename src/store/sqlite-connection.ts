import type Database from 'better-sqlite3';

/**
 * When a commit waits for the disk. `full`: every commit is fsynced, so a paid order survives a power
 * cut. `normal` (WAL's documented safe setting): commits survive a crash of this process but the last
 * ones may be lost with a power cut or OS crash; the file is never corrupted.
 */
export type SqliteSynchronous = 'full' | 'normal';

/** WAL lets readers (the admin CLI) work during a write. */
function pragmas(synchronous: SqliteSynchronous): string[] {
  return ['journal_mode = WAL', `synchronous = ${synchronous.toUpperCase()}`, 'busy_timeout = 5000', 'foreign_keys = ON'];
}

/** Distinct SQL texts kept prepared; knex builds a bounded set of shapes, so this is rarely reached. */
export const STATEMENT_CACHE_SIZE = 500;

/**
 * knex prepares every query anew, which was the largest single cost of an API request (bench:api
 * profile). knex only ever calls `all` or `run` on a statement, never an iterator, so one prepared
 * statement per SQL text can be reused safely on this connection.
 */
function cacheStatements(conn: Database.Database): void {
  const prepare = conn.prepare.bind(conn);
  const cache = new Map<string, Database.Statement>();
  conn.prepare = ((sql: string) => {
    let statement = cache.get(sql);
    if (statement === undefined) {
      statement = prepare(sql);
      if (cache.size >= STATEMENT_CACHE_SIZE) cache.clear();
      cache.set(sql, statement);
    }
    return statement;
  }) as Database.Database['prepare'];
}

type AfterCreate = (conn: Database.Database, done: (err: Error | null, conn: unknown) => void) => void;

/** knex's `afterCreate` for each new SQLite connection. */
export const setUpConnection =
  (synchronous: SqliteSynchronous): AfterCreate =>
  (conn, done) => {
    try {
      for (const pragma of pragmas(synchronous)) conn.pragma(pragma);
      cacheStatements(conn);
      done(null, conn);
    } catch (err) {
      done(err as Error, conn);
    }
  };
