import type { PromptId } from './prompt-manifest';

const DIGIT_PROMPTS: readonly PromptId[] = [
  'num-0',
  'num-1',
  'num-2',
  'num-3',
  'num-4',
  'num-5',
  'num-6',
  'num-7',
  'num-8',
  'num-9',
];

/** Digits read one by one (e.g. the card's last four), never as a number. */
export function digitPrompts(digits: string): PromptId[] {
  if (!/^\d*$/.test(digits)) throw new RangeError('digitPrompts takes decimal digits only');
  return [...digits].map((d) => DIGIT_PROMPTS[Number(d)]);
}
