import type { Command } from 'commander';
import type { MerchantService } from '../services/merchant-service';
import type { AdminIo } from './admin-io';

export function addMerchantCommands(program: Command, merchants: MerchantService, io: AdminIo): void {
  const merchant = program.command('merchant').description('merchants and their API keys');

  merchant
    .command('create')
    .description('create a merchant; prints its id and API key (shown once)')
    .requiredOption('--name <name>', 'display name')
    .action(async (opts: { name: string }) => {
      io.json(await merchants.createMerchant(opts.name));
    });

  merchant
    .command('list')
    .description('list merchants (never their keys)')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }) => {
      const list = await merchants.listMerchants();
      io.table(list, ['id', 'name', 'apiKeyPrefix', 'createdAt'], Boolean(opts.json));
    });
}
