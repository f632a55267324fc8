import type { PromptId } from './prompt-manifest';
import type { FieldName } from './field-name';
import type { StepContext } from './step-context';
import { OutOfAttemptsError } from './out-of-attempts';

/** One keypad field: how it is asked, how long it may be, and what counts as a valid answer. */
export interface FieldSpec<T> {
  field: FieldName;
  prompts: PromptId[];
  /**
   * Keys collected at most. A fixed-length field asks for exactly its length, so it ends on its last key and
   * the next prompt starts at once (a `#` after it is ignored); a key beyond it is type-ahead for the next field.
   */
  maxDigits: number;
  /** For a field of varying length: ends on a short pause once this many keys are in (CollectOptions). */
  completeAfterDigits?: number;
  /** Played after an invalid answer, before the field is asked again. */
  errorPrompt: PromptId;
  /** The value for these keys, or undefined when they are not acceptable. */
  check(keys: string): T | undefined | Promise<T | undefined>;
  /** When set, silence answers the field with this value instead of counting as a failed try. */
  onSilence?: T;
}

/**
 * Asks a field until it gets a valid answer, at most settings.maxAttempts times, then throws
 * OutOfAttemptsError. Silence plays `no-input`, a wrong answer the field's own error prompt; keys
 * pressed during those prompts are flushed so they do not leak into the retry.
 */
export async function collectField<T>(ctx: StepContext, spec: FieldSpec<T>): Promise<T> {
  const { call, deps, log } = ctx;
  const { settings } = deps;
  for (let attempt = 1; attempt <= settings.maxAttempts; attempt++) {
    const { digits, reason } = await call.collect({
      field: spec.field,
      prompts: spec.prompts,
      maxDigits: spec.maxDigits,
      firstDigitTimeoutMs: settings.firstDigitTimeoutMs,
      interDigitTimeoutMs: settings.interDigitTimeoutMs,
      ...(spec.completeAfterDigits !== undefined && {
        completeAfter: { minDigits: spec.completeAfterDigits, pauseMs: settings.completePauseMs },
      }),
      terminator: '#',
      flush: attempt > 1,
    });
    const silent = reason === 'timeout' && digits === '';
    if (silent && spec.onSilence !== undefined) return spec.onSilence;
    const value = silent ? undefined : await spec.check(digits);
    if (value !== undefined) return value;

    // Field name and key count only: the keys themselves may be card data.
    log.info({ field: spec.field, attempt, problem: silent ? 'silence' : 'invalid', keys: digits.length }, 'field rejected');
    await call.play([silent ? 'no-input' : spec.errorPrompt]);
  }
  throw new OutOfAttemptsError(spec.field);
}

/** A one-key menu: the key maps to a choice, anything else is `invalid-key`. */
export function menuField<T>(field: FieldName, prompts: PromptId[], choices: Record<string, T>): FieldSpec<T> {
  return {
    field,
    prompts,
    maxDigits: 1,
    errorPrompt: 'invalid-key',
    check: (keys) => (Object.prototype.hasOwnProperty.call(choices, keys) ? choices[keys] : undefined),
  };
}
