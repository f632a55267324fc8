import type { z } from 'zod';
import { AppError } from './app-error';

/**
 * Parses `input` with `schema`, or throws `validation_failed` with one message per field
 * (`{"amount": "must be a positive integer (fen)"}`). Messages come from the schema, never the input.
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const fields: Record<string, string> = {};
  for (const issue of parsed.error.issues) {
    const key = issue.path.length > 0 ? issue.path.join('.') : 'body';
    fields[key] ??= issue.message;
  }
  throw new AppError('validation_failed', 'the request has invalid fields', fields);
}
