import fs from 'node:fs';
import type { Command } from 'commander';
import { AppError } from '../domain/app-error';
import { parseDelays, parseHours, type CallbackPolicies } from '../callback/callback-policy';
import type { FeeService } from '../fees/fee-service';
import type { MerchantService } from '../services/merchant-service';
import type { AdminIo } from './admin-io';

function readPem(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    throw new AppError('validation_failed', `cannot read ${file}`);
  }
}

export function addMerchantCommands(
  program: Command,
  merchants: MerchantService,
  io: AdminIo,
  policies?: CallbackPolicies,
  fees?: Pick<FeeService, 'getPlan'>,
): Command {
  const merchant = program.command('merchant').description('merchants and their API keys');

  merchant
    .command('create')
    .description('create a merchant; prints its id, API key and webhook secret (shown once)')
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

  merchant
    .command('show')
    .description('one merchant (never its keys), with its fee plan')
    .argument('<id>', 'merchant id')
    .action(async (id: string) => {
      const found = (await merchants.listMerchants()).find((m) => m.id === id);
      if (!found) throw new AppError('not_found', `no merchant ${id}`);
      io.json({ ...found, ...(fees ? { feePlan: (await fees.getPlan(id)) ?? null } : {}) });
    });

  merchant
    .command('rotate-key')
    .description('replace the API key; prints the new key (shown once), the old one stops working at once')
    .argument('<id>', 'merchant id')
    .action(async (id: string) => {
      io.json(await merchants.rotateApiKey(id));
    });

  merchant
    .command('set-certificate')
    .description('require signed API requests (X-Signature), verified with this PEM certificate')
    .argument('<id>', 'merchant id')
    .argument('<pem-file>', 'X.509 certificate in PEM (RSA, 2048 bits or more)')
    .action(async (id: string, file: string) => {
      io.json({ id, signingCertificate: await merchants.setSigningCertificate(id, readPem(file)) });
    });

  merchant
    .command('remove-certificate')
    .description('stop requiring signed API requests')
    .argument('<id>', 'merchant id')
    .action(async (id: string) => {
      await merchants.setSigningCertificate(id, null);
      io.json({ id, signingCertificate: null });
    });

  merchant
    .command('set-language')
    .description('the language of this merchant’s calls when an order gives none: zh or en ("" for DEFAULT_LANGUAGE)')
    .argument('<id>', 'merchant id')
    .argument('<language>', 'zh (Mandarin), en (English), or "" for the service’s DEFAULT_LANGUAGE')
    .action(async (id: string, language: string) => {
      io.json(await merchants.setLanguage(id, language === '' ? null : language));
    });

  merchant
    .command('rotate-webhook-secret')
    .description('new secret for signing notifications (shown once); the old one also signs for 24 h')
    .argument('<id>', 'merchant id')
    .action(async (id: string) => {
      io.json(await merchants.rotateWebhookSecret(id));
    });

  merchant
    .command('set-abandoned-call-sms')
    .description('on: an inbound caller who hangs up with the order unpaid gets one SMS with its pay code (default off)')
    .argument('<id>', 'merchant id')
    .argument('<on|off>', 'on or off')
    .action(async (id: string, value: string) => {
      if (value !== 'on' && value !== 'off') throw new AppError('validation_failed', 'give on or off');
      await merchants.setAbandonedCallSms(id, value === 'on');
      io.json({ id, abandonedCallSms: value === 'on' });
    });

  if (!policies) return merchant;

  merchant
    .command('set-callback-policy')
    .description('redial delays and calling hours for this merchant’s callbacks; unchanged parts are kept')
    .argument('<id>', 'merchant id')
    .option('--delays <minutes>', 'minutes before each further attempt, e.g. 2,10,30 ("" never redials)')
    .option('--hours <from-to>', 'calling hours in the cardholder’s time zone, e.g. 08:00-21:00')
    .option('--time-zone <zone>', 'IANA time zone of the calling hours, e.g. Asia/Shanghai')
    .option('--json', 'print JSON (the default for this command)')
    .action(async (id: string, opts: { delays?: string; hours?: string; timeZone?: string }) => {
      if (opts.delays === undefined && opts.hours === undefined && opts.timeZone === undefined) {
        throw new AppError('validation_failed', 'give --delays, --hours or --time-zone');
      }
      io.json(
        await policies.set(id, {
          ...(opts.delays !== undefined ? { delaysMinutes: parseDelays(opts.delays) } : {}),
          ...(opts.hours !== undefined ? { hours: parseHours(opts.hours) } : {}),
          ...(opts.timeZone !== undefined ? { timeZone: opts.timeZone } : {}),
        }),
      );
    });

  merchant
    .command('callback-policy')
    .description('show the redial delays and calling hours of this merchant’s callbacks')
    .argument('<id>', 'merchant id')
    .option('--json', 'print JSON (the default for this command)')
    .action(async (id: string) => {
      io.json(await policies.get(id));
    });
  return merchant;
}
