import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Knex } from 'knex';
import { loadConfig } from '../../src/config/config';
import { postgresSandboxUrl } from '../../src/config/postgres-sandbox';
import { SANDBOX_SECRETS_FILE, type SandboxSecrets } from '../../src/config/sandbox-secrets';
import { migrateLatest } from '../../src/store/migrate';
import { openPostgres } from '../../src/store/postgres-connection';

/** The store a test body is running on: SQLite in memory, or a PostgreSQL schema of its own. */
export type TestStore = { kind: 'sqlite' } | PostgresTestStore;

/** `emptySql` deletes every row of the schema, children before parents, and restarts its sequences. */
export interface PostgresTestStore {
  kind: 'postgres';
  url: string;
  schema: string;
  emptySql: string;
}

let current: TestStore = { kind: 'sqlite' };

/** The store of the suite running now (describeEachStore); SQLite outside one. */
export function currentTestStore(): TestStore {
  return current;
}

/**
 * The PostgreSQL tests run on: TEST_DATABASE_URL, else the sandbox's (scripts/postgres-sandbox) while it runs.
 * Undefined: SQLite only. Read once, when the test files load.
 */
export const testPostgresUrl: string | undefined = findPostgresUrl();

function findPostgresUrl(): string | undefined {
  if (process.env.TEST_DATABASE_URL) return process.env.TEST_DATABASE_URL;
  const config = loadConfig();
  // The server writes this file while it runs (and removes it when it stops).
  if (!fs.existsSync(path.join(config.dataDir, 'postgres', 'cluster', 'postmaster.pid'))) return undefined;
  const secrets = JSON.parse(fs.readFileSync(path.join(config.dataDir, SANDBOX_SECRETS_FILE), 'utf8')) as SandboxSecrets;
  return postgresSandboxUrl(config.postgresSandbox.port, secrets.postgresPassword);
}

/**
 * Declares the suite `title` once per store: on SQLite always, and again " on PostgreSQL" when a PostgreSQL is
 * reachable (testPostgresUrl), in a schema of its own (a random name, migrated once, dropped after the suite).
 * Inside `body`, openTestDb and createTestDeps (test-db.ts) open the suite's store.
 */
export function describeEachStore(title: string, body: () => void): void {
  describe(title, body);
  describeOnPostgres(`${title} on PostgreSQL`, body);
}

/** The suite on PostgreSQL only, as describeEachStore declares it; nothing when no PostgreSQL is reachable. */
export function describeOnPostgres(title: string, body: () => void): void {
  const url = testPostgresUrl;
  if (url === undefined) return;
  describe(title, function () {
    const schema = `test_${randomBytes(6).toString('hex')}`;
    let outer: TestStore = current;
    before(async function () {
      outer = current;
      this.timeout(60_000);
      const db = await openPostgres(url, { searchPath: schema, poolMax: 2 });
      try {
        await db.raw('create schema ??', [schema]);
        await migrateLatest(db);
        current = { kind: 'postgres', url, schema, emptySql: await emptyingSql(db) };
      } finally {
        await db.destroy();
      }
    });
    after(async function () {
      this.timeout(60_000);
      current = outer;
      await closeOpened();
      const db = await openPostgres(url, { poolMax: 2 });
      try {
        await db.raw('drop schema if exists ?? cascade', [schema]);
      } finally {
        await db.destroy();
      }
    });
    body();
  });
}

const opened = new Set<Knex>();

/** Every connection a suite opened is closed at its end, so a test that forgot one leaves no server session. */
async function closeOpened(): Promise<void> {
  await Promise.all([...opened].map((db) => db.destroy()));
  opened.clear();
}

/** The suite's PostgreSQL schema, emptied (the schema stays migrated): each test starts from no rows. */
export async function openPostgresTestDb(store: PostgresTestStore): Promise<Knex> {
  const db = await openPostgres(store.url, { searchPath: store.schema });
  opened.add(db);
  await db.raw(store.emptySql);
  return db;
}

/**
 * DELETEs, children first, and sequence restarts (ids from 1, as in a new SQLite database): a few milliseconds on
 * the small tables of a test, where TRUNCATE makes new files for every table and index (hundreds of ms).
 */
async function emptyingSql(db: Knex): Promise<string> {
  const tables = (await postgresTables(db)).filter((name) => !name.startsWith('knex_migrations'));
  const edges = (
    await db.raw<{ rows: { child: string; parent: string }[] }>(
      `select child.relname as child, parent.relname as parent from pg_constraint c
         join pg_class child on child.oid = c.conrelid join pg_class parent on parent.oid = c.confrelid
         where c.contype = 'f' and c.connamespace = current_schema()::regnamespace`,
    )
  ).rows;
  const ordered: string[] = [];
  const left = new Set(tables);
  while (left.size > 0) {
    const free = [...left].filter((t) => !edges.some((e) => e.parent === t && e.child !== t && left.has(e.child)));
    if (free.length === 0) throw new Error(`foreign keys form a cycle among ${[...left].join(', ')}`);
    for (const t of free) left.delete(t);
    ordered.push(...free);
  }
  const sequences = (await db('information_schema.sequences')
    .where('sequence_schema', db.raw('current_schema()'))
    .pluck('sequence_name')) as string[];
  return [...ordered.map((t) => `delete from "${t}"`), ...sequences.map((seq) => `alter sequence "${seq}" restart`)].join(';\n');
}

/** The tables of the schema `db` works in. */
export async function postgresTables(db: Knex): Promise<string[]> {
  const rows = await db('information_schema.tables')
    .where('table_schema', db.raw('current_schema()'))
    .where('table_type', 'BASE TABLE')
    .pluck('table_name');
  return rows as string[];
}
