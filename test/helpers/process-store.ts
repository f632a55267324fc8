import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import type { Knex } from 'knex';
import { openDb } from '../../src/store/db';
import { openPostgres } from '../../src/store/postgres-connection';
import { testOutputFile } from './test-output';
import { testPostgresUrl } from './test-stores';

/**
 * The store of a test whose services run in processes of their own (test/cluster: cluster-node.ts): what to put in
 * their environment, a connection for the test's own checks, and its removal.
 */
export interface ProcessStore {
  kind: 'postgres' | 'sqlite';
  /** For the processes' environment, over e2eEnv's: DATABASE_URL on PostgreSQL, SQLITE_FILE on SQLite. */
  env: Record<string, string>;
  /** On PostgreSQL, the schema the store's tables are in. */
  schema?: string;
  /** A connection to it, for the test's own checks; the test destroys it (before drop). */
  open(): Promise<Knex>;
  /** Removes it (PostgreSQL: the schema and everything in it); once every process on it has stopped. */
  drop(): Promise<void>;
}

/**
 * Where the processes of a test run: PostgreSQL when one is reachable (TEST_DATABASE_URL, as in CI, else the
 * running sandbox: test-stores.ts), else SQLite. Known when the test files load, so a suite can name it in its title.
 */
export const processStoreKind: ProcessStore['kind'] = testPostgresUrl === undefined ? 'sqlite' : 'postgres';

/**
 * A fresh, empty store `name` for services in other processes, on `processStoreKind`. On PostgreSQL a schema of its
 * own (`t_<name>_<random>`): its DATABASE_URL sets the search_path of every connection (`options=-c search_path=…`,
 * which pg sends when it connects), so a node that starts on it migrates it and works in it only. On SQLite a file
 * under data/test-output, emptied first and kept after for a look at a failure.
 */
export async function createProcessStore(name: string): Promise<ProcessStore> {
  const url = testPostgresUrl;
  if (url === undefined) return sqliteStore(name);
  const schema = `t_${name
    .replace(/[^a-z0-9]/gi, '_')
    .toLowerCase()
    .slice(0, 40)}_${randomBytes(4).toString('hex')}`;
  const admin = await openPostgres(url, { poolMax: 2 });
  try {
    await admin.raw('create schema ??', [schema]);
  } finally {
    await admin.destroy();
  }
  const scoped = new URL(url);
  scoped.searchParams.set('options', `-c search_path=${schema}`);
  return {
    kind: 'postgres',
    env: { DATABASE_URL: scoped.toString() },
    schema,
    open: () => openPostgres(url, { searchPath: schema, poolMax: 4 }),
    async drop() {
      const db = await openPostgres(url, { poolMax: 2 });
      try {
        await db.raw('drop schema if exists ?? cascade', [schema]);
      } finally {
        await db.destroy();
      }
    },
  };
}

function sqliteStore(name: string): ProcessStore {
  const file = testOutputFile(`${name}.sqlite`);
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(`${file}${suffix}`, { force: true });
  return {
    kind: 'sqlite',
    env: { SQLITE_FILE: file },
    open: () => openDb(file),
    drop: () => Promise.resolve(),
  };
}
