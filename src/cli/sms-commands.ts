import { Option, type Command } from 'commander';
import type { SmsService } from '../services/sms-service';
import type { SmsStatus } from '../store/callback-rows';
import type { AdminIo } from './admin-io';
import { parseLimit } from './parse-limit';

const STATUSES: SmsStatus[] = ['queued', 'sent', 'failed'];

export function addSmsCommands(program: Command, sms: Pick<SmsService, 'listSms' | 'resend'>, io: AdminIo): void {
  const command = program.command('sms').description('SMS reminders to cardholders (never card data)');

  command
    .command('list')
    .description('list SMS, newest first')
    .option('--order <id>', 'only this order’s')
    .addOption(new Option('--status <status>', 'only this status').choices(STATUSES))
    .option('--limit <n>', 'at most this many', '100')
    .option('--json', 'print JSON (with the texts)')
    .action(async (opts: { order?: string; status?: SmsStatus; limit: string; json?: boolean }) => {
      const list = await sms.listSms({ orderId: opts.order, status: opts.status, limit: parseLimit(opts.limit) });
      io.table(
        list,
        ['id', 'orderId', 'to', 'status', 'attempts', 'providerId', 'createdAt', 'sentAt', 'lastError'],
        Boolean(opts.json),
      );
    });

  command
    .command('resend')
    .description('send an SMS again at the next run (same id, so the per-order limit is unchanged)')
    .argument('<smsId>', 'SMS id (sms_…)')
    .option('--json', 'print JSON (the default for this command)')
    .action(async (smsId: string) => {
      io.json(await sms.resend(smsId));
    });
}
