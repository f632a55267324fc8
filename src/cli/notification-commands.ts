import type { Command } from 'commander';
import type { NotificationAdmin } from '../notify/notification-admin';
import type { AdminIo } from './admin-io';
import { parseLimit } from './parse-limit';

export function addNotificationCommands(program: Command, notifications: NotificationAdmin, io: AdminIo): void {
  const notification = program.command('notification').description('signed order events sent to merchants');

  notification
    .command('list')
    .description('list notifications, newest first (never their payloads)')
    .option('--order <id>', 'only this order’s')
    .option('--failed', 'only those that ran out of retries')
    .option('--limit <n>', 'at most this many', '100')
    .option('--json', 'print JSON')
    .action(async (opts: { order?: string; failed?: boolean; limit: string; json?: boolean }) => {
      const list = await notifications.listNotifications({
        orderId: opts.order,
        failed: opts.failed,
        limit: parseLimit(opts.limit),
      });
      io.table(list, ['id', 'type', 'orderId', 'status', 'attempts', 'nextAttemptAt', 'lastError'], Boolean(opts.json));
    });

  notification
    .command('redeliver')
    .description('send an event again at the next delivery run (same event id), with a fresh retry window')
    .argument('<eventId>', 'event id (evt_…)')
    .action(async (eventId: string) => {
      io.json(await notifications.redeliver(eventId));
    });
}
