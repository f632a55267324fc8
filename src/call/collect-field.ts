import type { PromptId } from './prompt-manifest';
import type { FieldName } from './field-name';
import type { StepContext } from './step-context';
import { OutOfAttemptsError } from './out-of-attempts';
import type { FieldProblem } from './field-observer';

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
  /**
   * The field is keyed twice: after a valid answer it is asked again (as `field`, with `prompts`), and a second
   * answer that differs plays `mismatchPrompt` and costs the attempt, as an invalid answer does.
   */
  keyTwice?: { field: FieldName; prompts: PromptId[]; mismatchPrompt: PromptId };
}

/**
 * Asks a field until it gets a valid answer, at most settings.maxAttempts times, then throws
 * OutOfAttemptsError. Silence plays `no-input`, a wrong answer the field's own error prompt (a second keying
 * that differs, `keyTwice.mismatchPrompt`); keys pressed during those prompts are flushed so they do not leak
 * into the retry.
 */
export async function collectField<T>(ctx: StepContext, spec: FieldSpec<T>): Promise<T> {
  const { call, deps, log } = ctx;
  for (let attempt = 1; attempt <= deps.settings.maxAttempts; attempt++) {
    deps.fields?.asked(spec.field);
    const { digits, reason } = await keys(ctx, spec, { field: spec.field, prompts: spec.prompts, flush: attempt > 1 });
    const silent = reason === 'timeout' && digits === '';
    if (silent && spec.onSilence !== undefined) {
      deps.fields?.accepted?.(spec.field);
      return spec.onSilence;
    }
    const value = silent ? undefined : await spec.check(digits);
    let problem: FieldProblem = silent ? 'silence' : 'invalid';
    if (value !== undefined) {
      const again = spec.keyTwice && (await keyedAgain(ctx, spec, spec.keyTwice, digits));
      if (!again) {
        deps.fields?.accepted?.(spec.field);
        return value;
      }
      problem = again;
    }

    // Field name and key count only: the keys themselves may be card data.
    log.info({ field: spec.field, attempt, problem, keys: digits.length }, 'field rejected');
    deps.fields?.rejected(spec.field, problem);
    await call.play([rejectionPrompt(spec, problem)]);
  }
  throw new OutOfAttemptsError(spec.field);
}

function rejectionPrompt<T>(spec: FieldSpec<T>, problem: FieldProblem): PromptId {
  if (problem === 'silence') return 'no-input';
  return problem === 'mismatch' && spec.keyTwice ? spec.keyTwice.mismatchPrompt : spec.errorPrompt;
}

/** The second keying of a field keyed twice: undefined when it matches the first. Never logs the keys. */
async function keyedAgain<T>(
  ctx: StepContext,
  spec: FieldSpec<T>,
  again: NonNullable<FieldSpec<T>['keyTwice']>,
  first: string,
): Promise<FieldProblem | undefined> {
  const { digits, reason } = await keys(ctx, spec, { field: again.field, prompts: again.prompts, flush: false });
  if (reason === 'timeout' && digits === '') return 'silence';
  return digits === first ? undefined : 'mismatch';
}

function keys<T>(ctx: StepContext, spec: FieldSpec<T>, ask: { field: FieldName; prompts: PromptId[]; flush: boolean }) {
  const { settings } = ctx.deps;
  return ctx.call.collect({
    ...ask,
    maxDigits: spec.maxDigits,
    firstDigitTimeoutMs: settings.firstDigitTimeoutMs,
    interDigitTimeoutMs: settings.interDigitTimeoutMs,
    ...(spec.completeAfterDigits !== undefined && {
      completeAfter: { minDigits: spec.completeAfterDigits, pauseMs: settings.completePauseMs },
    }),
    terminator: '#',
  });
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
