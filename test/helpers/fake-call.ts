import type { CallPort, Collected, CollectOptions, Language } from '../../src/call/call-port';
import { CallerHungUpError } from '../../src/call/caller-hung-up';
import type { FieldName } from '../../src/call/field-name';
import type { PromptId } from '../../src/call/prompt-manifest';
import type { SoundId } from '../../src/call/call-port';

/** An answer that keys nothing: the collect ends on its first-digit timeout. */
export const SILENCE = Symbol('silence');
/** The caller keys nothing and the collect waits until it is interrupted (CollectOptions.signal) or the call ends. */
export const WAIT = Symbol('wait');
export type Answer = string | typeof SILENCE | typeof WAIT;

export interface FakeCallScript {
  /** Keys per field: one answer for every time it is asked, or successive answers (then an error). */
  answers?: Partial<Record<FieldName, Answer | Answer[]>>;
  /** The caller hangs up the first time this field is asked. */
  hangUpAt?: FieldName;
  /** The caller hangs up when this prompt starts (e.g. 'please-wait'). */
  hangUpOnPrompt?: PromptId;
  language?: Language;
  id?: string;
  /** Told when a field is asked, before it is answered (a test may act then, e.g. an agent cancelling). */
  onAsk?: (field: string) => void;
}

/**
 * A scripted caller behind CallPort. Keys are processed like a keypad: a collect stops at the
 * terminator or at maxDigits, and keys left over are type-ahead for the next collect unless it
 * flushes. Records what the caller heard and which fields were asked.
 */
export class FakeCall implements CallPort {
  readonly id: string;
  language: Language;
  /** Every play() and every collect's prompts, in order. */
  readonly played: SoundId[][] = [];
  /** The language each entry of `played` was heard in. */
  readonly playedIn: Language[] = [];
  readonly asked: string[] = [];
  readonly collects: CollectOptions[] = [];
  answered = false;
  /** The caller hung up (scripted). */
  callerHungUp = false;
  /** The script hung up. */
  scriptHungUp = false;
  /** Where and with what the script handed the caller back to the dialplan. */
  handedBack: { extension: string; variables: Record<string, string> } | undefined;

  private readonly controller = new AbortController();
  private readonly asks = new Map<string, number>();
  private typeAhead = '';

  constructor(private readonly script: FakeCallScript = {}) {
    this.id = script.id ?? 'call-1';
    this.language = script.language ?? 'zh';
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** The channel is gone, whoever hung up. */
  get hungUp(): boolean {
    return this.callerHungUp || this.scriptHungUp;
  }

  /** Everything heard, flattened. */
  heard(): SoundId[] {
    return this.played.flat();
  }

  /** Everything heard as the sound files it came from, `<language>/<prompt id>`. */
  heardFiles(): string[] {
    return this.played.flatMap((prompts, i) => prompts.map((id) => `${this.playedIn[i]}/${id}`));
  }

  /** The caller hangs up now, e.g. from a fake payment service while the acquirer is answering. */
  hangUpNow(): void {
    this.callerHungUp = true;
    this.controller.abort();
  }

  /* eslint-disable @typescript-eslint/require-await -- CallPort's methods return promises, and async turns
     throwIfGone's throw into a rejection, as on a real call */
  async answer(): Promise<void> {
    this.throwIfGone();
    this.answered = true;
  }

  async play(prompts: SoundId[]): Promise<void> {
    this.throwIfGone();
    this.hear(prompts);
  }

  async collect(options: CollectOptions): Promise<Collected> {
    this.throwIfGone();
    this.collects.push(options);
    this.asked.push(options.field);
    if (this.script.hangUpAt === options.field) this.hangUpNow();
    this.throwIfGone();
    if (options.flush) this.typeAhead = '';
    this.hear(options.prompts);
    this.script.onAsk?.(options.field);

    const answer = this.nextAnswer(options.field);
    if (answer === WAIT) return this.waitForInterruption(options);
    const keys = this.typeAhead + (answer === SILENCE ? '' : answer);
    const terminator = options.terminator ?? '#';
    let digits = '';
    for (let i = 0; i < keys.length; i++) {
      // As on a keypad (src/ari/collect-keys.ts): a `#` before any digit is ignored.
      if (keys[i] === terminator && digits === '') continue;
      // A key the offer does not take is the first key of the next field.
      if (options.only !== undefined && !options.only.includes(keys[i])) return this.stop(keys.slice(i), digits, 'other-key');
      if (keys[i] === terminator) return this.stop(keys.slice(i + 1), digits, 'terminator');
      digits += keys[i];
      options.onKey?.(digits.length);
      if (digits.length === options.maxDigits) return this.stop(keys.slice(i + 1), digits, 'max');
    }
    return this.stop('', digits, 'timeout');
  }

  async hangup(): Promise<void> {
    this.throwIfGone();
    this.scriptHungUp = true;
    this.controller.abort();
  }

  async handBack(extension: string, variables: Record<string, string>): Promise<void> {
    this.throwIfGone();
    this.handedBack = { extension, variables };
    this.controller.abort();
  }
  /* eslint-enable @typescript-eslint/require-await */

  private waitForInterruption(options: CollectOptions): Promise<Collected> {
    return new Promise<Collected>((_resolve, reject) => {
      const interrupted = () =>
        reject(options.signal?.reason instanceof Error ? options.signal.reason : new Error('interrupted'));
      if (options.signal?.aborted) return interrupted();
      options.signal?.addEventListener('abort', interrupted, { once: true });
      this.controller.signal.addEventListener('abort', () => reject(new CallerHungUpError(this.id)), { once: true });
    });
  }

  private hear(prompts: SoundId[]): void {
    this.played.push([...prompts]);
    this.playedIn.push(this.language);
    if (this.script.hangUpOnPrompt && prompts.includes(this.script.hangUpOnPrompt)) {
      this.hangUpNow();
      this.throwIfGone();
    }
  }

  private stop(rest: string, digits: string, reason: Collected['reason']): Collected {
    this.typeAhead = rest;
    return { digits, reason };
  }

  private nextAnswer(field: string): Answer {
    const scripted = this.script.answers?.[field as FieldName];
    if (scripted === undefined) throw new Error(`FakeCall: no answer scripted for field ${field}`);
    if (!Array.isArray(scripted)) return scripted;
    const n = this.asks.get(field) ?? 0;
    this.asks.set(field, n + 1);
    if (n >= scripted.length)
      throw new Error(`FakeCall: field ${field} asked ${n + 1} times, ${scripted.length} answers scripted`);
    return scripted[n];
  }

  private throwIfGone(): void {
    if (this.controller.signal.aborted) throw new CallerHungUpError(this.id);
  }
}
