import type { PromptId } from './prompt-manifest';

type Below20 = 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10 | 11 | 12 | 13 | 14 | 15 | 16 | 17 | 18 | 19;
type Tens = 20 | 30 | 40 | 50 | 60 | 70 | 80 | 90;

/** 0–99 in words: "seventeen", "forty five". */
function below100(n: number): PromptId[] {
  if (n < 20) return [`num-${n as Below20}`];
  const tens: PromptId = `num-${(n - (n % 10)) as Tens}`;
  return n % 10 === 0 ? [tens] : [tens, `num-${(n % 10) as Below20}`];
}

/** 1–999: "three hundred forty five" (American style, no "and" inside a number). */
function below1000(n: number): PromptId[] {
  const hundreds = Math.floor(n / 100);
  const rest = n % 100;
  const out: PromptId[] = hundreds > 0 ? [...below100(hundreds), 'unit-bai'] : [];
  if (rest > 0) out.push(...below100(rest));
  return out;
}

/** A whole number in English words, grouped by million and thousand (unit-qian says "thousand"). */
export function integerPromptsEn(n: number): PromptId[] {
  if (n === 0) return ['num-0'];
  const millions = Math.floor(n / 1_000_000);
  const thousands = Math.floor(n / 1000) % 1000;
  const rest = n % 1000;
  const out: PromptId[] = [];
  if (millions > 0) out.push(...below1000(millions), 'unit-million');
  if (thousands > 0) out.push(...below1000(thousands), 'unit-qian');
  if (rest > 0) out.push(...below1000(rest));
  return out;
}

/** "twelve yuan and sixty seven fen": English has no jiao, so cents are counted in fen. */
export function amountPromptsEn(yuan: number, cents: number): PromptId[] {
  if (yuan > 0 && cents > 0) {
    return [...integerPromptsEn(yuan), 'unit-yuan', 'word-and', ...integerPromptsEn(cents), 'unit-fen'];
  }
  if (cents > 0) return [...integerPromptsEn(cents), 'unit-fen'];
  return [...integerPromptsEn(yuan), 'unit-yuan'];
}
