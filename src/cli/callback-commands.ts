import { Option, type Command } from 'commander';
import { AppError } from '../domain/app-error';
import type { CallbackService } from '../callback/callback-service';
import { CALLBACK_STATES, type CallbackState } from '../store/callback-rows';
import type { AdminIo } from './admin-io';
import { parseLimit } from './parse-limit';
import type { ProgressBar } from './progress-bar';

const COLUMNS = ['orderId', 'merchantId', 'phone', 'state', 'attemptsMade', 'nextCallAt', 'lastOutcome'] as const;

export function addCallbackCommands(
  program: Command,
  callbacks: CallbackService,
  io: AdminIo,
  progressBar?: (label: string) => ProgressBar,
): void {
  const callback = program.command('callback').description('outbound callbacks (回拨) to cardholders');

  callback
    .command('list')
    .description('list callbacks, next call first')
    .option('--due', 'only those due now')
    .option('--failed', 'only those given up (unreachable)')
    .addOption(new Option('--state <state>', 'only this state').choices(CALLBACK_STATES))
    .option('--limit <n>', 'at most this many', '100')
    .option('--json', 'print JSON')
    .action(async (opts: { due?: boolean; failed?: boolean; state?: CallbackState; limit: string; json?: boolean }) => {
      const list = await callbacks.listCallbacks({
        due: opts.due,
        failed: opts.failed,
        state: opts.state,
        limit: parseLimit(opts.limit),
      });
      io.table(list, [...COLUMNS], Boolean(opts.json));
    });

  callback
    .command('retry')
    .description('call again at the next dialer run (within calling hours): one order, or every given-up one')
    .argument('[orderId]', 'order id (ord_…)')
    .option('--all-failed', 'every unreachable callback whose order can still be paid')
    .option('--json', 'print JSON (the default for this command)')
    .action(async (orderId: string | undefined, opts: { allFailed?: boolean }) => {
      if (Boolean(orderId) === Boolean(opts.allFailed)) {
        throw new AppError('validation_failed', 'give either an order id or --all-failed');
      }
      if (orderId) return io.json(await callbacks.retryNow(orderId));
      const bar = progressBar?.('retrying');
      try {
        io.json(await callbacks.retryAllFailed((done, total) => bar?.update(done, total)));
      } finally {
        bar?.finish();
      }
    });

  callback
    .command('cancel')
    .description('no more calls for this order (it stays payable by pay code)')
    .argument('<orderId>', 'order id (ord_…)')
    .option('--json', 'print JSON (the default for this command)')
    .action(async (orderId: string) => {
      io.json(await callbacks.cancel(orderId));
    });
}
