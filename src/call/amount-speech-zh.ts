import type { PromptId } from './prompt-manifest';

type Digit = 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9;
const num = (d: number): PromptId => `num-${d as Digit}`;

/** 个, 十, 百, 千 inside a four-digit section; 万 and 亿 close a section. */
const PLACE_UNITS: readonly (PromptId | undefined)[] = [undefined, 'unit-shi', 'unit-bai', 'unit-qian'];
const SECTION_UNITS: readonly (PromptId | undefined)[] = [undefined, 'unit-wan', 'unit-yi'];

/**
 * Mandarin reading of a whole number of yuan (no 元), e.g. 100010 → 十万零一十.
 * Zero rules: a run of zeros between read digits is one 零; zeros at the end of a section are
 * silent; a whole zero section becomes the 零 before the next digit (一亿零五千); a leading 一十
 * is said 十, elsewhere 一十 stays (一百一十).
 */
export function integerPromptsZh(n: number): PromptId[] {
  if (n === 0) return ['num-0'];
  const digits = [...String(n)].map(Number).reverse();
  const out: PromptId[] = [];
  let zeroPending = false;
  for (let place = digits.length - 1; place >= 0; place--) {
    const d = digits[place];
    const inSection = place % 4;
    if (d === 0) {
      zeroPending = out.length > 0;
    } else {
      if (zeroPending) out.push('num-0');
      zeroPending = false;
      const leadingTen = out.length === 0 && d === 1 && inSection === 1;
      if (!leadingTen) out.push(num(d));
      const unit = PLACE_UNITS[inSection];
      if (unit) out.push(unit);
    }
    const sectionUnit = SECTION_UNITS[place / 4];
    if (inSection === 0 && sectionUnit && sectionHasDigits(digits, place)) {
      out.push(sectionUnit);
      zeroPending = false;
    }
  }
  return out;
}

function sectionHasDigits(digits: number[], lowestPlace: number): boolean {
  return digits.slice(lowestPlace, lowestPlace + 4).some((d) => d !== 0);
}

/** 元 part, then 角 and 分; 零 before 分 when 角 is skipped after yuan (十元零五分). */
export function amountPromptsZh(yuan: number, jiao: number, fen: number): PromptId[] {
  if (yuan === 0 && jiao === 0 && fen === 0) return ['num-0', 'unit-yuan'];
  const out: PromptId[] = [];
  if (yuan > 0) out.push(...integerPromptsZh(yuan), 'unit-yuan');
  if (jiao > 0) out.push(num(jiao), 'unit-jiao');
  if (fen > 0) {
    if (jiao === 0 && yuan > 0) out.push('num-0');
    out.push(num(fen), 'unit-fen');
  }
  return out;
}
