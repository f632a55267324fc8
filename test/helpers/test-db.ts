import fs from 'node:fs';
import type { Knex } from 'knex';
import pino from 'pino';
import type { Logger } from 'pino';
import { openDb } from '../../src/store/db';
import { dialectOf } from '../../src/store/dialect';
import { migrateLatest } from '../../src/store/migrate';
import { openPostgres } from '../../src/store/postgres-connection';
import { createStore, type Store } from '../../src/store/store';
import { testOutputFile } from './test-output';
import { currentTestStore, openPostgresTestDb, postgresTables } from './test-stores';

export { describeEachStore } from './test-stores';

/**
 * A fresh, migrated store; destroy it in `afterEach`. In memory on SQLite; in a suite of describeEachStore
 * (test-stores.ts) running on PostgreSQL, the suite's schema, emptied.
 */
export async function openTestDb(): Promise<Knex> {
  const store = currentTestStore();
  if (store.kind === 'postgres') return openPostgresTestDb(store);
  const db = await openDb(':memory:');
  await migrateLatest(db);
  return db;
}

/**
 * Two connections to one fresh, migrated store, as two processes (or two nodes) would have: two SQLite
 * connections to a file `name` in the test output, or two pools on the suite's PostgreSQL schema. Destroy both.
 */
export async function openTwoTestDbs(name: string): Promise<[Knex, Knex]> {
  const store = currentTestStore();
  if (store.kind === 'postgres')
    return [await openPostgresTestDb(store), await openPostgres(store.url, { searchPath: store.schema })];
  const file = testOutputFile(name);
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true });
  const first = await openDb(file);
  await migrateLatest(first);
  return [first, await openDb(file)];
}

export interface TestDeps {
  /** The store's connection, for tests to arrange and to check rows directly. */
  db: Knex;
  /** As the service wires it (with the group commit), so service tests write through it. */
  store: Store;
  log: Logger;
  now: () => Date;
  /** Moves the test clock forward. */
  advance(ms: number): void;
}

/** Service dependencies over a fresh store and a clock that only moves when told. */
export async function createTestDeps(start = new Date('2026-03-01T08:00:00.000Z')): Promise<TestDeps> {
  let current = start.getTime();
  const db = await openTestDb();
  return {
    db,
    store: createStore(db, { groupCommit: true }),
    log: pino({ level: 'silent' }),
    now: () => new Date(current),
    advance: (ms) => {
      current += ms;
    },
  };
}

/** Every row of every table, for checks that look at all stored data. */
export async function dumpAllTables(db: Knex): Promise<Record<string, Record<string, unknown>[]>> {
  const tables =
    dialectOf(db) === 'postgres'
      ? await postgresTables(db)
      : ((await db('sqlite_master').where({ type: 'table' }).pluck('name')) as string[]);
  const dump: Record<string, Record<string, unknown>[]> = {};
  for (const name of tables) dump[name] = await db<Record<string, unknown>>(name).select('*');
  return dump;
}
