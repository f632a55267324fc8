import type { GreetingSound, Language, SoundId } from './call-port';

const MERCHANT_ID = /^[A-Za-z0-9_-]+$/;

export function greetingSound(merchantId: string, language: Language): GreetingSound {
  // The id becomes a path: anything but a plain id could climb out of the greetings folder.
  if (!MERCHANT_ID.test(merchantId)) throw new Error(`not a merchant id: ${JSON.stringify(merchantId)}`);
  return `greeting:${merchantId}/${language}`;
}

/** The merchant and language of a greeting sound; undefined for a prompt id or a malformed greeting. */
export function parseGreetingSound(id: SoundId): { merchantId: string; language: Language } | undefined {
  const match = /^greeting:([A-Za-z0-9_-]+)\/(zh|en)$/.exec(id);
  return match ? { merchantId: match[1], language: match[2] as Language } : undefined;
}
