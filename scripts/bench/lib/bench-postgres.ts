import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Knex } from 'knex';
import { loadConfig } from '../../../src/config/config';
import { maskDatabaseUrl, postgresSandboxUrl } from '../../../src/config/postgres-sandbox';
import { loadOrCreateSandboxSecrets } from '../../../src/config/sandbox-secrets';
import { migrateLatest } from '../../../src/store/migrate';
import { openPostgres } from '../../../src/store/postgres-connection';
import { PROJECT_ROOT } from './ref-tree';

/** The PostgreSQL a benchmark runs on: the sandbox (started here when it was not running) or a URL given. */
export interface BenchPostgres {
  url: string;
  /** For the printout and the results file: the password masked. */
  maskedUrl: string;
  /** The postmaster's pid when it runs on this machine (the sandbox), so its CPU can be read; else undefined. */
  postmasterPid: number | undefined;
  /** Stops the sandbox if this run started it; a sandbox already running, or a URL given, is left as it was. */
  release(): void;
}

const SANDBOX = path.join(PROJECT_ROOT, 'scripts', 'postgres-sandbox');

function sandboxRunning(): boolean {
  return spawnSync('bash', [SANDBOX, 'status'], { stdio: 'ignore' }).status === 0;
}

/** `url` when given (--database-url, BENCH_DATABASE_URL), else scripts/postgres-sandbox, started if stopped. */
export function usePostgres(url: string | undefined, log: (line: string) => void): BenchPostgres {
  if (url) return { url, maskedUrl: maskDatabaseUrl(url), postmasterPid: undefined, release: () => undefined };
  const config = loadConfig();
  const startedHere = !sandboxRunning();
  if (startedHere) {
    log('starting the PostgreSQL sandbox (scripts/postgres-sandbox start)');
    execFileSync('bash', [SANDBOX, 'start'], { stdio: ['ignore', 'ignore', 'inherit'] });
  }
  const sandboxUrl = postgresSandboxUrl(config.postgresSandbox.port, loadOrCreateSandboxSecrets(config.dataDir).postgresPassword);
  const pidFile = path.join(config.dataDir, 'postgres', 'cluster', 'postmaster.pid');
  const pid = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]);
  return {
    url: sandboxUrl,
    maskedUrl: maskDatabaseUrl(sandboxUrl),
    postmasterPid: Number.isInteger(pid) && pid > 0 ? pid : undefined,
    release: () => {
      if (!startedHere) return;
      log('stopping the PostgreSQL sandbox (this run started it)');
      execFileSync('bash', [SANDBOX, 'stop'], { stdio: ['ignore', 'ignore', 'inherit'] });
    },
  };
}

/** A schema made for one measurement and dropped after it. */
export interface BenchSchema {
  name: string;
  /** A pool on the schema, for the benchmark's own set-up and checks. */
  db: Knex;
  drop(): Promise<void>;
}

/**
 * A fresh, migrated schema of its own (the sandbox's user may not create databases; a schema is as empty and as
 * separate, and is how the test suite isolates too): each measurement starts from no rows.
 */
export async function freshSchema(url: string, label: string, poolMax = 4): Promise<BenchSchema> {
  const name = `bench_${label}_${randomBytes(4).toString('hex')}`;
  const db = await openPostgres(url, { searchPath: name, poolMax });
  try {
    await db.raw('create schema ??', [name]);
    await migrateLatest(db);
  } catch (err) {
    await db.destroy();
    throw err;
  }
  return {
    name,
    db,
    drop: async () => {
      await db.raw('drop schema if exists ?? cascade', [name]);
      await db.destroy();
    },
  };
}
