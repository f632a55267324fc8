import { mkdir, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Language } from '../call/call-port';
import { AppError } from '../domain/app-error';
import { errorMessage } from '../lib/error-message';
import { describeSpec, recordingProblem, SOUND_LANGUAGES } from '../sounds/recording-spec';
import type { ServiceDeps } from './service-deps';

/** A merchant's options for the call script: the card keyed twice, and its recorded greeting. */
export interface MerchantCallOptions {
  setConfirmCard(merchantId: string, on: boolean): Promise<{ id: string; confirmCard: boolean }>;
  /**
   * Checks the WAV against the recording specification (src/sounds/recording-spec.ts) and keeps a copy as the
   * merchant's greeting in `language`, replacing any before. A bad file is refused and changes nothing.
   */
  setGreeting(merchantId: string, file: string, language: Language): Promise<Greetings>;
  /** Removes the greeting in `language`, or in every language. */
  removeGreeting(merchantId: string, language?: Language): Promise<Greetings>;
}

export interface Greetings {
  id: string;
  greetingLanguages: Language[];
}

/** The greeting file of a merchant: `<greetingsDir>/<merchantId>/<lang>.wav`, played by src/sounds/sound-library.ts. */
export function greetingFile(greetingsDir: string, merchantId: string, language: Language): string {
  return path.join(greetingsDir, merchantId, `${language}.wav`);
}

/** merchants.greeting_languages ('en,zh', or null) as a list. */
export function parseGreetingLanguages(column: string | null): Language[] {
  const listed = (column ?? '').split(',');
  return SOUND_LANGUAGES.filter((lang) => listed.includes(lang));
}

function formatGreetingLanguages(languages: Language[]): string | null {
  return languages.length > 0 ? [...languages].sort().join(',') : null;
}

export function createMerchantCallOptions(deps: ServiceDeps & { greetingsDir: string }): MerchantCallOptions {
  const { merchants } = deps.store;

  async function currentGreetings(merchantId: string): Promise<Language[]> {
    const row = await merchants.find(merchantId);
    if (!row) throw new AppError('not_found', `merchant ${merchantId} not found`);
    return parseGreetingLanguages(row.greeting_languages);
  }

  async function saveGreetings(merchantId: string, languages: Language[]): Promise<Greetings> {
    await merchants.setPromptOptions(merchantId, { greeting_languages: formatGreetingLanguages(languages) });
    return { id: merchantId, greetingLanguages: languages };
  }

  return {
    async setConfirmCard(merchantId, on) {
      if (!(await merchants.setPromptOptions(merchantId, { confirm_card: on }))) {
        throw new AppError('not_found', `merchant ${merchantId} not found`);
      }
      deps.log.info({ merchantId, confirmCard: on }, 'merchant card confirmation set');
      return { id: merchantId, confirmCard: on };
    },

    async setGreeting(merchantId, file, language) {
      const bytes = await readFile(file).catch((err: unknown) => {
        throw new AppError('validation_failed', `cannot read ${file}: ${errorMessage(err)}`);
      });
      const { problem } = recordingProblem(bytes);
      if (problem) throw new AppError('validation_failed', `${file}: ${problem}; a greeting must be ${describeSpec()}`);
      const languages = await currentGreetings(merchantId);

      // Written aside and renamed: a call starting meanwhile plays the old file or the new one, never half of one.
      const target = greetingFile(deps.greetingsDir, merchantId, language);
      await mkdir(path.dirname(target), { recursive: true });
      await writeFile(`${target}.part`, bytes);
      await rename(`${target}.part`, target);
      deps.log.info({ merchantId, language }, 'merchant greeting set');
      return saveGreetings(merchantId, [...new Set([...languages, language])]);
    },

    async removeGreeting(merchantId, language) {
      const languages = await currentGreetings(merchantId);
      const removed = language ? [language] : [...SOUND_LANGUAGES];
      // The row first: from then on no call plays the file, which can go.
      const greetings = await saveGreetings(
        merchantId,
        languages.filter((lang) => !removed.includes(lang)),
      );
      for (const lang of removed) {
        await unlink(greetingFile(deps.greetingsDir, merchantId, lang)).catch((err: unknown) => {
          if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
        });
      }
      deps.log.info({ merchantId, languages: removed }, 'merchant greeting removed');
      return greetings;
    },
  };
}
