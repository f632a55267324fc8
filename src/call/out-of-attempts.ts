import type { FieldName } from './field-name';

/** The caller used up the tries of one field; the script says so politely and ends the call. */
export class OutOfAttemptsError extends Error {
  readonly code = 'out_of_attempts';
  constructor(readonly field: FieldName) {
    super(`too many attempts for field ${field}`);
    this.name = 'OutOfAttemptsError';
  }
}
