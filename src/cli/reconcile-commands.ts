import { Option, type Command } from 'commander';
import { AppError } from '../domain/app-error';
import { ReconciliationFileError } from '../reconciliation/reconciliation-file-error';
import type { ReconciliationReport, ReconciliationService } from '../reconciliation/reconciliation-service';
import { REPORT_COLUMNS, reportCsv } from '../reconciliation/report-csv';
import type { AdminIo } from './admin-io';
import { formatTable } from './format-table';

type Format = { json?: boolean; csv?: boolean };

/** `reconcile run|show`: the daily reconciliation with the acquirer's file (issue 11 §2). */
export function addReconcileCommands(
  program: Command,
  reconciliation: Pick<ReconciliationService, 'run' | 'show'>,
  io: AdminIo,
): void {
  const reconcile = program.command('reconcile').description("the daily reconciliation with the acquirer's file");
  const formats = (cmd: Command) =>
    cmd
      .requiredOption('--date <YYYY-MM-DD>', 'the settlement date (Beijing)')
      .addOption(new Option('--json', 'print the run and its items as JSON').conflicts('csv'))
      .addOption(new Option('--csv', 'print the items as CSV (UTF-8 with BOM)'));

  formats(reconcile.command('run').description('reconcile a settlement date: fetch its file, match it, settle what it decides'))
    .option('--file <path>', 'read this file instead of RECONCILIATION_DIR or the acquirer')
    .action(async (opts: Format & { date: string; file?: string }) => {
      try {
        print(io, await reconciliation.run(settleDateOf(opts.date), { file: opts.file }), opts);
      } catch (err) {
        if (err instanceof ReconciliationFileError) throw new AppError('validation_failed', `file refused: ${err.message}`);
        throw err;
      }
    });

  formats(reconcile.command('show').description('the stored report of a settlement date')).action(
    async (opts: Format & { date: string }) => {
      const report = await reconciliation.show(settleDateOf(opts.date));
      if (!report) throw new AppError('not_found', `no reconciliation run for ${opts.date}`);
      print(io, report, opts);
    },
  );
}

function settleDateOf(date: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const valid = m && new Date(`${date}T00:00:00Z`).toISOString().startsWith(date);
  if (!m || !valid) throw new AppError('validation_failed', 'bad date', { date: 'must be a date, YYYY-MM-DD' });
  return `${m[1]}${m[2]}${m[3]}`;
}

function print(io: AdminIo, report: ReconciliationReport, format: Format): void {
  if (format.json) return io.json(report);
  if (format.csv) return io.out(reportCsv(report.items));
  const r = report.run;
  io.out(
    `settlement date ${r.settle_date}: ${r.file_name} (${r.source}), ${r.line_count} lines; ` +
      `${r.matched} matched, ${r.discrepancies} discrepancies, ${r.resolved} settled from the file; ` +
      `fees ${r.fee_total} fen, net ${r.settle_total} fen; run ${r.run_count} time(s), last ${r.last_run_at}\n`,
  );
  io.out(formatTable(report.items, [...REPORT_COLUMNS]));
}
