import { Writable } from 'node:stream';
import pino from 'pino';
import { loadConfigOrExit } from '../config/load-config-or-exit';
import { resolveSecretsKeys } from '../config/secrets-key';
import { createLogger } from '../log/logger';
import { createNotificationAdmin } from '../notify/notification-admin';
import { createSecretBox } from '../notify/secret-box';
import { createBankService } from '../services/bank-service';
import { createCallbackPolicies } from '../callback/callback-policy';
import { createCallbackService } from '../callback/callback-service';
import { createLineService, storedLineUsage } from '../callback/line-service';
import { createSmsService } from '../services/sms-service';
import { createSmsPort } from '../sms/create-sms-port';
import { createMerchantService } from '../services/merchant-service';
import { createOrderService } from '../order/order-service';
import { openDb } from '../store/db';
import { migrateLatest } from '../store/migrate';
import { createStore } from '../store/store';
import { createProgressBar } from './progress-bar';
import { runAdmin } from './run-admin';

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
  const db = await openDb(config.sqliteFile, { synchronous: config.sqliteSynchronous });
  try {
    await migrateLatest(db);
    const deps = { store: createStore(db), log: log.child({ source: 'admin-cli' }), now: () => new Date() };
    const result = await runAdmin(argv, {
      merchants: createMerchantService({ ...deps, secretBox: createSecretBox(resolveSecretsKeys(config)) }),
      orders: createOrderService({
        ...deps,
        defaultExpiresSeconds: config.orderExpiresSeconds,
        callbackExpiresSeconds: config.callback.orderExpiresSeconds,
      }),
      banks: createBankService(deps),
      notifications: createNotificationAdmin(deps),
      callbacks: createCallbackService(deps),
      callbackPolicies: createCallbackPolicies(deps),
      // Only listing and queueing here: the running service's job does the sending.
      sms: createSmsService({ ...deps, sms: createSmsPort(config, deps) }),
      lines: createLineService({ lines: config.callback.lines, usage: storedLineUsage(deps.store, deps.now), now: deps.now }),
      ...(process.stdout.isTTY ? { progressBar: (label: string) => createProgressBar(process.stdout, label) } : {}),
    });
    process.stdout.write(result.stdout);
    process.stderr.write(result.stderr);
    return result.exitCode;
  } finally {
    await db.destroy();
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`error: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exitCode = 1;
    },
  );
}
