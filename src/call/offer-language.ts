import type { Language } from '../domain/language';
import type { CallPort } from './call-port';
import type { PromptId } from './prompt-manifest';
import type { StepContext } from './step-context';

/** The key that takes the offer. Pay codes never begin with it (src/order/pay-code.ts). */
export const LANGUAGE_KEY = '9';

/** In a Mandarin call, "For English, press 9."; in an English one, "普通话服务请按9。". */
const OFFERS: Record<Language, { to: Language; prompt: PromptId }> = {
  zh: { to: 'en', prompt: 'press-9-english' },
  en: { to: 'zh', prompt: 'press-9-mandarin' },
};

/**
 * After the greeting, offers the other language in that language, with barge-in and a short wait
 * (LANGUAGE_SWITCH_TIMEOUT_MS). Returns the language the caller chose with 9, which then holds for the
 * whole call, or undefined. Any other key ends the offer and stays for the next field (README,
 * "Language of a call"), so a caller keying the pay code at once loses nothing.
 */
export async function offerLanguage(ctx: StepContext): Promise<Language | undefined> {
  const { call, deps, log } = ctx;
  const { settings } = deps;
  if (!settings.languageSwitch) return undefined;

  const offer = OFFERS[call.language];
  const { digits } = await spokenIn(call, offer.to, () =>
    call.collect({
      field: 'language',
      prompts: [offer.prompt],
      maxDigits: 1,
      firstDigitTimeoutMs: settings.languageSwitchTimeoutMs,
      interDigitTimeoutMs: settings.languageSwitchTimeoutMs,
      only: LANGUAGE_KEY,
    }),
  );
  if (digits !== LANGUAGE_KEY) return undefined;

  call.language = offer.to;
  log.info({ language: offer.to }, 'caller chose the language');
  return offer.to;
}

/** Runs `step` with the call's prompts in `language`, then back in the call's own, whatever happens. */
async function spokenIn<T>(call: CallPort, language: Language, step: () => Promise<T>): Promise<T> {
  const own = call.language;
  call.language = language;
  try {
    return await step();
  } finally {
    call.language = own;
  }
}
