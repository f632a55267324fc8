import { Writable } from 'node:stream';
import pino from 'pino';
import { loadConfigOrExit } from '../config/load-config-or-exit';
import { errorMessage } from '../lib/error-message';
import { createLogger } from '../log/logger';
import { composeCore, openStore } from '../compose';
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
  const db = await openStore(config);
  try {
    const core = composeCore(config, { store: createStore(db), log: log.child({ source: 'admin-cli' }), now: () => new Date() });
    // Only listing and queueing SMS here: the running service's job does the sending.
    const result = await runAdmin(argv, {
      ...core,
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
      process.stderr.write(`error: ${errorMessage(err)}\n`);
      process.exitCode = 1;
    },
  );
}
