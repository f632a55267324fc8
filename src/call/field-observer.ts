import type { FieldName } from './field-name';

/** Why a field's answer was not taken: nothing keyed, keys that are not a valid answer, or a second keying that differs. */
export type FieldProblem = 'silence' | 'invalid' | 'mismatch';

/**
 * Told about every try of a keypad field (src/call/collect-field.ts), by field name only, never its keys: the
 * service counts them for its metrics (src/metrics), tests may listen too. Must not throw.
 */
export interface FieldObserver {
  /** The field is asked (again): one try. */
  asked(field: FieldName): void;
  /** That try's answer was not taken. */
  rejected(field: FieldName, problem: FieldProblem): void;
  /** That try's answer was taken (an agent-assisted capture shows the field valid); optional. */
  accepted?(field: FieldName): void;
}
