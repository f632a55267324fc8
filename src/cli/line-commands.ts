import type { Command } from 'commander';
import type { LineService } from '../callback/line-service';
import type { AdminIo } from './admin-io';

export function addLineCommands(program: Command, lines: LineService, io: AdminIo): void {
  const command = program.command('lines').description('trunk lines in use, inbound and outbound');

  command
    .command('show')
    .description('lines in use now: inbound (as last seen by the service), outbound, and the limits')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }) => {
      const usage = await lines.show();
      if (opts.json) return io.json(usage);
      const stale = usage.stale ? '  (stale: is the service running?)' : '';
      io.out(
        `inbound   ${usage.inbound}  (reserved ${usage.reserved})\n` +
          `outbound  ${usage.outbound} of at most ${usage.maxOutbound}  (free now ${usage.freeOutbound})\n` +
          `total     ${usage.total}\n` +
          `as of     ${usage.asOf}${stale}\n`,
      );
    });
}
