import type { Command } from 'commander';
import type { LineUsageReport } from '../cdr/line-usage-report';
import type { AdminIo } from './admin-io';

export function addCallCommands(program: Command, report: LineUsageReport, io: AdminIo): void {
  const command = program.command('calls').description('call detail records of every call leg');

  command
    .command('usage')
    .description('line use of a day by merchant and direction: legs, answered, billable minutes (per started minute)')
    .requiredOption('--date <date>', 'business day YYYY-MM-DD, Beijing')
    .option('--json', 'print JSON')
    .action(async (opts: { date: string; json?: boolean }) => {
      const lines = await report.usage(opts.date);
      io.table(lines, ['merchantId', 'direction', 'legs', 'answered', 'billableMinutes', 'answeredSeconds'], Boolean(opts.json));
    });
}
