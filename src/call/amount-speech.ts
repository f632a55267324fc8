import { PROMPTS, type PromptId } from './prompt-manifest';
import { amountPromptsEn } from './amount-speech-en';
import { amountPromptsZh } from './amount-speech-zh';

/** Up to 999,999,999.99 yuan: the Mandarin reading then needs at most one 亿 digit. */
export const MAX_SPOKEN_FEN = 99_999_999_999;

/**
 * An amount in fen as the prompts that read it aloud: Mandarin 一万二千三百四十五元六角七分,
 * English "twelve thousand three hundred forty five yuan and sixty seven fen".
 * Zero reads 零元 / "zero yuan" so a caller never hears silence; orders themselves are never zero.
 */
export function amountPrompts(fen: number, lang: 'zh' | 'en'): PromptId[] {
  if (!Number.isInteger(fen) || fen < 0 || fen > MAX_SPOKEN_FEN) {
    throw new RangeError(`amount must be an integer number of fen from 0 to ${MAX_SPOKEN_FEN}`);
  }
  const yuan = Math.floor(fen / 100);
  const cents = fen % 100;
  if (lang === 'en') return amountPromptsEn(yuan, cents);
  return amountPromptsZh(yuan, Math.floor(cents / 10), cents % 10);
}

/** The same reading as text (amounts are not card data, so logs and tests may show it). */
export function amountText(fen: number, lang: 'zh' | 'en'): string {
  const langIndex = lang === 'zh' ? 0 : 1;
  return amountPrompts(fen, lang)
    .map((id) => PROMPTS[id][langIndex])
    .join(lang === 'zh' ? '' : ' ');
}
