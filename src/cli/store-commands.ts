import type { Command } from 'commander';
import type { CopyReport } from '../store/store-copy';
import type { AdminIo } from './admin-io';

/** Moving the configured SQLite store to PostgreSQL (src/store/store-copy.ts), bound to the settings. */
export interface StoreActions {
  /** `to` is a postgres:// URL; `masked` is the URL fit for printing. */
  copy(to: string): Promise<{ report: CopyReport; from: string; masked: string }>;
}

export function addStoreCommands(program: Command, actions: StoreActions, io: AdminIo): void {
  const store = program.command('store').description('move the store to PostgreSQL');

  store
    .command('copy')
    .description('copy every row of the SQLite store (SQLITE_FILE) into an empty PostgreSQL; stop the service first')
    .requiredOption('--to <url>', 'the PostgreSQL store, postgres://user:password@host:port/database (migrated here)')
    .option('--json', 'the rows copied per table as JSON')
    .action(async (opts: { to: string; json?: boolean }) => {
      const { report, from, masked } = await actions.copy(opts.to);
      io.table(report, ['table', 'rows'], opts.json ?? false);
      if (opts.json) return;
      const total = report.reduce((sum, r) => sum + r.rows, 0);
      io.out(`copied ${total} rows in ${report.length} tables from ${from} to ${masked}, counts checked\n`);
      io.out('next: set DATABASE_URL to that URL for every node, and start the service\n');
    });
}
