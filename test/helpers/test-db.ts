import type { Knex } from 'knex';
import pino from 'pino';
import type { Logger } from 'pino';
import { openDb } from '../../src/store/db';
import { migrateLatest } from '../../src/store/migrate';
import { createStore, type Store } from '../../src/store/store';

/** A fresh, migrated in-memory store; destroy it in `afterEach`. */
export async function openTestDb(): Promise<Knex> {
  const db = await openDb(':memory:');
  await migrateLatest(db);
  return db;
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
  const tables: { name: string }[] = await db('sqlite_master').where({ type: 'table' }).select('name');
  const dump: Record<string, Record<string, unknown>[]> = {};
  for (const { name } of tables) dump[name] = await db<Record<string, unknown>>(name).select('*');
  return dump;
}
