import { Argument, type Command } from 'commander';
import type { BankStatus } from '../domain/bank';
import { BANK_STATUSES, type BankService } from '../services/bank-service';
import type { AdminIo } from './admin-io';

export function addBankCommands(program: Command, banks: Pick<BankService, 'listBanks' | 'setStatus'>, io: AdminIo): void {
  const bank = program.command('bank').description('issuer banks and whether callers may pay with their cards');

  bank
    .command('list')
    .description('list banks with their status')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }) => {
      io.table(await banks.listBanks(), ['code', 'status', 'nameEn', 'nameZh'], Boolean(opts.json));
    });

  bank
    .command('set-status')
    .description('change what callers hear for this bank’s cards')
    .argument('<code>', 'bank code (see bank list)')
    .addArgument(new Argument('<status>', 'new status').choices(BANK_STATUSES))
    .action(async (code: string, status: BankStatus) => {
      io.json(await banks.setStatus(code, status));
    });
}
