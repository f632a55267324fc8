import { UsageError } from '../lib/usage-error';

function wholeNumber(option: string, text: string): number {
  const trimmed = text.trim();
  if (!/^\d+$/.test(trimmed)) throw new UsageError(`${option}: '${text}' is not a whole number of calls`);
  const n = Number(trimmed);
  if (n < 1) throw new UsageError(`${option}: ${n} calls measure nothing; give at least 1`);
  return n;
}

/** `--sweep 100,200,300`: the levels of concurrent calls, each higher than the one before. */
export function parseSweepLevels(text: string): number[] {
  if (text.trim() === '') throw new UsageError('--sweep needs levels of concurrent calls, e.g. --sweep 100,200,300');
  const levels = text.split(',').map((item) => wholeNumber('--sweep', item));
  for (let i = 1; i < levels.length; i++) {
    if (levels[i] <= levels[i - 1])
      throw new UsageError(`--sweep: levels must increase, and ${levels[i]} comes after ${levels[i - 1]}`);
  }
  return levels;
}

/** `--lines 300`: the service's TRUNK_LINES, its ceiling of calls at once. */
export function parseLines(text: string): number {
  return wholeNumber('--lines', text);
}
