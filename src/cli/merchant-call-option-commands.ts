import type { Command } from 'commander';
import type { Language } from '../call/call-port';
import { AppError } from '../domain/app-error';
import type { MerchantCallOptions } from '../services/merchant-call-options';
import type { AdminIo } from './admin-io';

function parseOnOff(value: string): boolean {
  if (value === 'on' || value === 'off') return value === 'on';
  throw new AppError('validation_failed', `expected on or off, got ${JSON.stringify(value)}`);
}

function parseLanguage(value: string | undefined): Language | undefined {
  if (value === undefined || value === 'zh' || value === 'en') return value;
  throw new AppError('validation_failed', `--lang must be zh or en, got ${JSON.stringify(value)}`);
}

/** `merchant set-confirm-card`, `set-greeting`, `remove-greeting`: the merchant's options for the call script. */
export function addMerchantCallOptionCommands(merchant: Command, options: MerchantCallOptions, io: AdminIo): void {
  merchant
    .command('set-confirm-card')
    .description('callers key the card number twice (on) or once (off, the default)')
    .argument('<id>', 'merchant id')
    .argument('<on|off>', 'on or off')
    .action(async (id: string, value: string) => {
      io.json(await options.setConfirmCard(id, parseOnOff(value)));
    });

  merchant
    .command('set-greeting')
    .description("the merchant's recorded greeting (its name), played after the welcome; a WAV of 8 kHz mono 16-bit PCM")
    .argument('<id>', 'merchant id')
    .argument('<file>', 'the recording (README, "Recording prompts")')
    .option('--lang <zh|en>', 'the language it is spoken in', 'zh')
    .action(async (id: string, file: string, opts: { lang: string }) => {
      io.json(await options.setGreeting(id, file, parseLanguage(opts.lang) ?? 'zh'));
    });

  merchant
    .command('remove-greeting')
    .description("remove the merchant's greeting, in one language or in all")
    .argument('<id>', 'merchant id')
    .option('--lang <zh|en>', 'only this language')
    .action(async (id: string, opts: { lang?: string }) => {
      io.json(await options.removeGreeting(id, parseLanguage(opts.lang)));
    });
}
