import type { Command } from 'commander';
import { AppError } from '../domain/app-error';
import type { FeeService } from '../fees/fee-service';
import type { AdminIo } from './admin-io';

/** Option → fee plan field (src/fees/fee-plan-schema.ts). */
const OPTIONS = [
  ['--opening-fee <fen>', 'openingFee', 'opening fee, charged once'],
  ['--annual-fee <fen>', 'annualFeePerAccount', 'annual service fee per settlement account'],
  ['--accounts <n>', 'settlementAccounts', 'settlement accounts (default 1)'],
  ['--debit-rate-bps <bps>', 'debitRateBps', 'debit card fee rate, basis points'],
  ['--debit-min <fen>', 'debitMinFee', 'debit card minimum fee'],
  ['--debit-max <fen>', 'debitMaxFee', 'debit card maximum fee'],
  ['--credit-rate-bps <bps>', 'creditRateBps', 'credit card fee rate, basis points'],
  ['--credit-min <fen>', 'creditMinFee', 'credit card minimum fee'],
  ['--credit-max <fen>', 'creditMaxFee', 'credit card maximum fee'],
  ['--inbound-per-minute <fen>', 'inboundPerMinute', 'inbound line time, per started minute'],
  ['--outbound-per-minute <fen>', 'outboundPerMinute', 'outbound line time, per started minute'],
  ['--starts-on <date>', 'startsOn', 'YYYY-MM-DD (Beijing): annual fees fall due on its anniversaries'],
] as const;

const flagOf = (field: string) => OPTIONS.find(([, f]) => f === field)?.[0].split(' ')[0] ?? field;

/** commander's camelCase key of an option flag, e.g. --debit-rate-bps → debitRateBps. */
const keyOf = (flags: string) =>
  flags
    .split(' ')[0]
    .slice(2)
    .replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase());

export function addFeeCommands(program: Command, fees: FeeService, io: AdminIo): void {
  const command = program.command('fees').description('fee plans of merchants (amounts in fen)');

  const set = command
    .command('set')
    .description('set fields of a merchant’s fee plan; fields not given are kept')
    .requiredOption('--merchant <id>', 'merchant id');
  for (const [flags, , description] of OPTIONS) set.option(flags, description);
  set.action(async (opts: Record<string, string>) => {
    const changes: Record<string, unknown> = {};
    for (const [flags, field] of OPTIONS) {
      const value = opts[keyOf(flags)];
      if (value !== undefined) changes[field] = field === 'startsOn' ? value : Number(value);
    }
    try {
      io.json(await fees.setPlan(opts.merchant, changes));
    } catch (err) {
      // The service names plan fields; an operator typed options.
      if (err instanceof AppError && err.fields) {
        const fields = Object.fromEntries(Object.entries(err.fields).map(([f, m]) => [flagOf(f), m]));
        throw new AppError(err.code, 'the fee plan is invalid; nothing was changed', fields);
      }
      throw err;
    }
  });

  command
    .command('show')
    .description('a merchant’s fee plan')
    .requiredOption('--merchant <id>', 'merchant id')
    .action(async (opts: { merchant: string }) => {
      const plan = await fees.getPlan(opts.merchant);
      if (!plan) return io.out('no fee plan: this merchant pays no fees\n');
      io.json(plan);
    });
}
