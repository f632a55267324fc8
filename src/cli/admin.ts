import path from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import { loadConfigOrExit } from '../config/load-config-or-exit';
import { AppError } from '../domain/app-error';
import { errorMessage } from '../lib/error-message';
import { createLogger } from '../log/logger';
import type { AcquirerPort } from '../acquirer/acquirer-port';
import { startAcquirer } from '../acquirer/start-acquirer';
import { composeCore, composeReconciliation, composeRefunds, connectAcquirer, openStore } from '../compose';
import type { Config } from '../config/config';
import type { RefundService } from '../refund/refund-service';
import { createStore } from '../store/store';
import { createProgressBar } from './progress-bar';
import { createBackup, restoreBackup } from '../store/data-backup';
import type { BackupActions } from './backup-commands';
import { addBackupCommands } from './backup-commands';
import { runAdmin, runCommands, type AdminResult } from './run-admin';
import { addStoreCommands, type StoreActions } from './store-commands';
import { isPostgresUrl } from '../config/database-settings';
import { maskDatabaseUrl } from '../config/postgres-sandbox';
import { migrateLatest } from '../store/migrate';
import { openPostgres } from '../store/postgres-connection';
import { copyStore } from '../store/store-copy';

/** The send plus UnionPay's whole query schedule (63 s) and some room: after it, the service's recovery job decides. */
const REFUND_CLI_WAIT_MS = 90_000;

/** `npm run admin -- <command>`: opens the configured store, runs one command, closes it. */
async function main(argv: string[]): Promise<number> {
  const config = loadConfigOrExit();
  // Admin actions go to the log file when there is one; otherwise only warnings, on stderr, keep stdout clean.
  const log = config.log.file
    ? createLogger({
        level: config.log.level,
        file: config.log.file,
        destination: new Writable({ write: (_c, _e, done) => done() }),
      })
    : createLogger({ level: 'warn', destination: pino.destination({ dest: 2, sync: true }) });
  const backups = backupActions(config);
  // Without opening the store: a restore needs the data folder empty, and a backup copies the file as it is.
  if (argv[0] === 'backup') return print(await runCommands(argv, (program, io) => addBackupCommands(program, backups, io)));
  // Opens the two stores itself: the configured one must be the SQLite file.
  if (argv[0] === 'store')
    return print(await runCommands(argv, (program, io) => addStoreCommands(program, storeActions(config), io)));
  const db = await openStore(config);
  try {
    const deps = { store: createStore(db), log: log.child({ source: 'admin-cli' }), now: () => new Date() };
    const core = composeCore(config, deps);
    const stops: (() => Promise<void>)[] = [];
    // `refund create` sends to the acquirer: connected only then, and waited on until the refund is settled or left
    // for the service's recovery job (the whole query schedule, about a minute, at most).
    const refunds: Pick<RefundService, 'createRefund'> = {
      async createRefund(...args) {
        const running = await connectAcquirer(config, deps.log, deps.now);
        const composed = composeRefunds(config, deps, running.acquirer, REFUND_CLI_WAIT_MS);
        stops.push(
          () => composed.settler.stop(),
          () => running.stop(),
        );
        return composed.refunds.createRefund(...args);
      },
    };
    // Only listing and queueing SMS here: the running service's job does the sending.
    const result = await runAdmin(argv, {
      ...core,
      reconciliation: composeReconciliation(config, deps, { acquirer: fileTransfer(config, deps) }),
      refunds,
      backups,
      readPassword: readStdin,
      ...(process.stdout.isTTY ? { progressBar: (label: string) => createProgressBar(process.stdout, label) } : {}),
    });
    for (const stop of stops) await stop();
    return print(result);
  } finally {
    await db.destroy();
  }
}

function print(result: AdminResult): number {
  process.stdout.write(result.stdout);
  process.stderr.write(result.stderr);
  return result.exitCode;
}

function backupActions(config: Config): BackupActions {
  const location = { dataDir: config.dataDir, sqliteFile: config.sqliteFile, secrets: config.secrets };
  // The backup copies the SQLite file: with DATABASE_URL on PostgreSQL it would save a file the service never uses.
  const sqliteOnly = () => {
    if (config.database.kind === 'postgres') {
      throw new AppError(
        'validation_failed',
        'backup and restore cover the SQLite store; back PostgreSQL up with its own tools (pg_dump)',
      );
    }
  };
  return {
    create: (dir) => (sqliteOnly(), createBackup(location, path.resolve(dir), () => new Date())),
    restore: (dir) => (sqliteOnly(), restoreBackup(path.resolve(dir), location)),
  };
}

function storeActions(config: Config): StoreActions {
  return {
    async copy(to) {
      if (config.database.kind === 'postgres') {
        throw new AppError(
          'validation_failed',
          'DATABASE_URL already names PostgreSQL: store copy reads SQLITE_FILE, so unset it',
        );
      }
      if (!isPostgresUrl(to)) throw new AppError('validation_failed', '--to must be postgres://user:password@host:port/database');
      const masked = maskDatabaseUrl(to);
      const sqlite = await openStore(config);
      try {
        const postgres = await openPostgres(to, { poolMax: 1 });
        try {
          await migrateLatest(postgres);
          // A node that beat within its expiry may still be writing to the SQLite file.
          const liveSinceIso = new Date(Date.now() - config.node.expiryMs).toISOString();
          return { report: await copyStore(sqlite, postgres, { liveSinceIso }), from: config.sqliteFile, masked };
        } finally {
          await postgres.destroy();
        }
      } finally {
        await sqlite.destroy();
      }
    },
  };
}

/** A password piped in (`operator create --password-stdin`): all of stdin, the final line break dropped. */
async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) throw new AppError('validation_failed', '--password-stdin: pipe the password in, e.g. from a file');
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

/**
 * With ACQUIRER=acp, `reconcile run` fetches the day's file by ACP file transfer: the adapter is built (certificates
 * read) only when a command asks for a file. The sandbox acquirer lives in the service's process, not here.
 */
function fileTransfer(
  config: Config,
  deps: { now: () => Date; log: pino.Logger },
): Pick<AcquirerPort, 'reconciliationFile'> | undefined {
  if (config.acquirer.kind !== 'acp') return undefined;
  return {
    async reconciliationFile(settleDate) {
      const running = await startAcquirer(config.acquirer, {
        ...deps,
        dataDir: config.dataDir,
        startSandbox: () => Promise.reject(new Error('the admin CLI starts no sandbox acquirer')),
      });
      return running.acquirer.reconciliationFile(settleDate);
    },
  };
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`error: ${errorMessage(err)}\n`);
      process.exitCode = 1;
    },
  );
}
