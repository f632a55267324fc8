import { Option, type Command } from 'commander';
import { requirePhoneNumber } from '../callback/phone-number';
import { AppError } from '../domain/app-error';
import { ORDER_STATUSES, type OrderMode, type OrderStatus } from '../domain/order-status';
import type { OrderService } from '../order/order-service';
import type { AdminIo } from './admin-io';
import { parseLimit } from './parse-limit';

export function addOrderCommands(program: Command, orders: Pick<OrderService, 'findOrder' | 'listOrders'>, io: AdminIo): void {
  const order = program.command('order').description("any merchant's orders");

  order
    .command('list')
    .description('list orders, newest first')
    .option('--merchant <id>', 'only this merchant')
    .addOption(new Option('--status <status>', 'only this status').choices(ORDER_STATUSES))
    .addOption(new Option('--mode <mode>', 'only this mode').choices(['inbound', 'callback']))
    .option('--phone <number>', 'only callback orders to this phone')
    .option('--limit <n>', 'at most this many', '100')
    .option('--json', 'print JSON')
    .action(
      async (opts: {
        merchant?: string;
        status?: OrderStatus;
        mode?: OrderMode;
        phone?: string;
        limit: string;
        json?: boolean;
      }) => {
        const list = await orders.listOrders({
          merchantId: opts.merchant,
          status: opts.status,
          mode: opts.mode,
          phone: opts.phone === undefined ? undefined : requirePhoneNumber(opts.phone).national,
          limit: parseLimit(opts.limit),
        });
        const rows = list.map((o) => ({ ...o, card: o.card?.masked, phone: o.callback?.phone }));
        io.table(
          rows,
          ['id', 'merchantId', 'merchantOrderId', 'amount', 'mode', 'status', 'payCode', 'card', 'phone', 'expiresAt'],
          Boolean(opts.json),
        );
      },
    );

  order
    .command('show')
    .description('one order with its attempts, as JSON')
    .argument('<id>', 'order id')
    .action(async (id: string) => {
      const found = await orders.findOrder(id);
      if (!found) throw new AppError('not_found', `order ${id} not found`);
      io.json(found);
    });
}
