import { Option, type Command } from 'commander';
import { AppError } from '../domain/app-error';
import type { OrderService } from '../order/order-service';
import type { RefundReads } from '../refund/refund-reads';
import type { RefundService } from '../refund/refund-service';
import type { RefundState } from '../store/payment-rows';
import type { AdminIo } from './admin-io';
import { parseLimit } from './parse-limit';

const REFUND_STATES: readonly RefundState[] = ['pending', 'succeeded', 'failed', 'unknown'];

export interface RefundCommandDeps {
  reads: RefundReads;
  /** Sends refunds (needs the acquirer); `refund create` is refused without it. */
  refunds?: Pick<RefundService, 'createRefund'>;
  orders: Pick<OrderService, 'findOrder'>;
}

/** `--amount <fen>`: digits become a number; anything else goes to the service as is, which names what is wrong. */
function amountOf(value: string): number | string {
  return /^\d+$/.test(value) ? Number(value) : value;
}

export function addRefundCommands(program: Command, deps: RefundCommandDeps, io: AdminIo): void {
  const refund = program.command('refund').description("refunds and same-day cancels of any merchant's paid orders");

  refund
    .command('create')
    .description('refund a paid order for its merchant (a cancel when it is the whole payment, on its day, before the cut-off)')
    .requiredOption('--order <id>', 'the paid order')
    .requiredOption('--amount <fen>', 'fen to refund')
    .requiredOption('--reason <text>', 'why (shown to the merchant)')
    .action(async (opts: { order: string; amount: string; reason: string }) => {
      if (!deps.refunds) throw new AppError('unavailable', 'refunds cannot be sent from here');
      const order = await deps.orders.findOrder(opts.order);
      if (!order) throw new AppError('not_found', `order ${opts.order} not found`);
      const created = await deps.refunds.createRefund(order.merchantId, order.id, {
        amount: amountOf(opts.amount) as number,
        reason: opts.reason,
      });
      io.json(created);
    });

  refund
    .command('list')
    .description('list refunds, newest first')
    .option('--merchant <id>', 'only this merchant')
    .option('--order <id>', 'only this order')
    .addOption(new Option('--state <state>', 'only this state').choices(REFUND_STATES))
    .option('--limit <n>', 'at most this many', '100')
    .option('--json', 'print JSON')
    .action(async (opts: { merchant?: string; order?: string; state?: RefundState; limit: string; json?: boolean }) => {
      const list = await deps.reads.listRefunds({
        merchantId: opts.merchant,
        orderId: opts.order,
        state: opts.state,
        limit: parseLimit(opts.limit),
      });
      io.table(
        list,
        ['id', 'merchantId', 'orderId', 'kind', 'amount', 'state', 'responseCode', 'failureReason', 'createdAt'],
        Boolean(opts.json),
      );
    });

  refund
    .command('show')
    .description('one refund, as JSON')
    .argument('<id>', 'refund id')
    .action(async (id: string) => {
      const found = await deps.reads.findRefund(id);
      if (!found) throw new AppError('not_found', `refund ${id} not found`);
      io.json(found);
    });
}
