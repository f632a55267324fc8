import knex from 'knex';
import type { Knex } from 'knex';
import pg from 'pg';
import { answering } from './db';

/** Type OIDs of pg_type: bigint (amounts in fen, count(*)) and numeric (sum of bigints). */
const INT8_OID = 20;
const NUMERIC_OID = 1700;

/**
 * PostgreSQL sends bigint and numeric as text, where SQLite gives numbers: parsed here, on this store's connections
 * only (not pg's global parsers), so rows leave both stores with the same values. Amounts are integer fen and
 * counts are rows, far below 2^53, so a number holds them exactly.
 */
const types = {
  getTypeParser(oid: number, format: string): (value: string) => unknown {
    if (oid === INT8_OID || oid === NUMERIC_OID) return Number;
    return pg.types.getTypeParser(oid, format as 'text') as (value: string) => unknown;
  },
};

/** How long a new connection may take to open, and a request may wait for one of the pool's. */
const CONNECT_TIMEOUT_MS = 5000;
const ACQUIRE_TIMEOUT_MS = 10_000;

export interface PostgresOptions {
  /** Connections of this process (2 at least); the writes of the merchant API each commit alone on one of them. */
  poolMax?: number;
  /** Schema the store's tables live in (tests use one of their own); default: the user's search_path. */
  searchPath?: string;
}

/** Opens the PostgreSQL store at `url` (postgres://user:password@host:port/database) and proves it answers. */
export async function openPostgres(url: string, opts: PostgresOptions = {}): Promise<Knex> {
  const db = knex({
    client: 'pg',
    // Bounded waits (issue 12, "PostgreSQL restarted"): a server that does not answer a connection fails the request
    // (503, src/store/store-unavailable.ts) within seconds instead of holding it; keepalives find a dead peer. A
    // connection the restart closed is dropped by the pool (knex marks it), and the next request makes a new one.
    connection: { connectionString: url, types, connectionTimeoutMillis: CONNECT_TIMEOUT_MS, keepAlive: true },
    acquireConnectionTimeout: ACQUIRE_TIMEOUT_MS,
    // Two at least: migrateLatest holds one for its lock while knex migrates on another.
    pool: { min: 0, max: Math.max(2, opts.poolMax ?? 10) },
    log: {
      // A connection that cannot be made fails the query that asked for it, which its caller reports: knex's own
      // line on stdout would say it twice, outside the JSON log. Other warnings go to stderr as Node's.
      warn: (message: string) => {
        if (!message.startsWith('Acquire connection error')) process.emitWarning(message, 'KnexWarning');
      },
    },
    ...(opts.searchPath ? { searchPath: [opts.searchPath] } : {}),
  });
  return answering(db);
}
