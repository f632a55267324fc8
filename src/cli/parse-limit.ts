import { AppError } from '../domain/app-error';

/** `--limit <n>`: an integer from 1 to 10000, else `validation_failed` (exit code 2). */
export function parseLimit(value: string): number {
  const limit = Number(value);
  if (!Number.isInteger(limit) || limit < 1 || limit > 10_000) {
    throw new AppError('validation_failed', '--limit must be an integer from 1 to 10000');
  }
  return limit;
}
