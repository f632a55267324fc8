import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { postgresSandboxUrl } from '../../../src/config/postgres-sandbox';
import { loadOrCreateSandboxSecrets } from '../../../src/config/sandbox-secrets';
import { errorMessage } from '../../../src/lib/error-message';
import { findAsteriskPid } from '../lib/asterisk-pid';
import { ASTERISK_B, BENCH_POSTGRES } from './cluster-plan';

const run = promisify(execFile);
const SCRIPTS = path.resolve(__dirname, '..', '..');

export interface ClusterSandboxes {
  asteriskB: { url: string; pid: number; dataDir: string };
  postgres: { url: string; pid: number };
  /** Stops both and removes the database: each run starts from an empty one. */
  stop(): Promise<void>;
}

/**
 * What --cluster adds to the project's sandbox Asterisk (A): a second Asterisk on the same chroot (its own folder,
 * ARI and SIP ports, A's ARI password, as ARI_SERVERS expects; scripts/asterisk-sandbox), and a PostgreSQL sandbox of
 * the run's own (scripts/postgres-sandbox in a fresh folder on its own port: a fresh database, never the
 * developer's or the test suite's).
 */
export async function startClusterSandboxes(opts: {
  dataDir: string;
  soundsDir: string;
  ariPassword: string;
  log: (line: string) => void;
}): Promise<ClusterSandboxes> {
  const bDir = path.join(opts.dataDir, ASTERISK_B.dir);
  const pgDir = path.join(opts.dataDir, BENCH_POSTGRES.dir);
  const url = `http://127.0.0.1:${ASTERISK_B.ariPort}`;
  const asterisk = (command: string) =>
    sandbox('asterisk-sandbox', command, {
      DATA_DIR: bDir,
      SOUNDS_DIR: opts.soundsDir,
      ARI_URL: url,
      ARI_SERVERS: '',
      SIP_PORT: String(ASTERISK_B.sipPort),
      ARI_PASSWORD: opts.ariPassword,
    });
  const postgres = (command: string) =>
    sandbox('postgres-sandbox', command, { DATA_DIR: pgDir, POSTGRES_SANDBOX_PORT: String(BENCH_POSTGRES.port) });
  const started: (() => Promise<void>)[] = [];
  const stop = async () => {
    for (const stopOne of started.reverse()) await stopOne().catch((err: unknown) => opts.log(errorMessage(err)));
  };
  try {
    fs.rmSync(pgDir, { recursive: true, force: true });
    opts.log(`starting PostgreSQL in ${pgDir} (port ${BENCH_POSTGRES.port}, a fresh database)`);
    started.push(async () => {
      await postgres('stop');
      fs.rmSync(pgDir, { recursive: true, force: true });
    });
    await postgres('start');
    opts.log(`starting Asterisk B in ${bDir} (ARI ${url}, SIP ${ASTERISK_B.sipPort})`);
    started.push(() => asterisk('stop'));
    await asterisk('start');
    const password = loadOrCreateSandboxSecrets(pgDir).postgresPassword;
    return {
      asteriskB: { url, pid: findAsteriskPid(bDir), dataDir: bDir },
      postgres: { url: postgresSandboxUrl(BENCH_POSTGRES.port, password), pid: postmasterPid(pgDir) },
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}

async function sandbox(script: string, command: string, env: Record<string, string>): Promise<void> {
  try {
    await run('bash', [path.join(SCRIPTS, script), command], {
      env: { ...process.env, ...env },
      maxBuffer: 16 * 1024 * 1024,
      timeout: 300_000,
    });
  } catch (err) {
    const stderr = (err as { stderr?: string }).stderr?.trim();
    throw new Error(`${script} ${command} failed: ${stderr || errorMessage(err)}`, { cause: err });
  }
}

/** The server's first line of postmaster.pid, written while it runs (scripts/postgres-sandbox's cluster folder). */
function postmasterPid(pgDir: string): number {
  const file = path.join(pgDir, 'postgres', 'cluster', 'postmaster.pid');
  const pid = Number(fs.readFileSync(file, 'utf8').split('\n')[0]);
  if (!(pid > 0)) throw new Error(`${file} names no process`);
  return pid;
}
