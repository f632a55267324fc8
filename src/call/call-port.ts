import type { PromptId } from './prompt-manifest';

export type Language = 'zh' | 'en';

/**
 * A merchant's recorded greeting (its name) in one language, uploaded with `admin merchant set-greeting`: played
 * through `play` like a prompt, its file found by the sound library (src/sounds). Made by ./sound-id.ts.
 */
export type GreetingSound = `greeting:${string}`;

/** Anything the call script can play: a prompt of the manifest, or a merchant's greeting. */
export type SoundId = PromptId | GreetingSound;

/** How one keypad field is collected. Digits typed while `prompts` play stop them (barge-in) and count. */
export interface CollectOptions {
  /** Which field this is ('pay-code', 'card', 'pin', …): for logs and test drivers, never the digits. */
  field: string;
  prompts: PromptId[];
  maxDigits: number;
  firstDigitTimeoutMs: number;
  interDigitTimeoutMs: number;
  /**
   * A field of varying length (the card number) also ends on a short pause once `minDigits` are keyed,
   * instead of waiting the whole inter-digit timeout for a `#` the caller may never press.
   */
  completeAfter?: { minDigits: number; pauseMs: number };
  /**
   * Key that ends input early; `#` unless said otherwise. Never part of `digits`. Pressed before any digit it
   * is ignored, prompts keep playing: it is the `#` a caller adds after a fixed-length field that already
   * ended on its last digit (docs: README, "Keypad fields").
   */
  terminator?: string;
  /**
   * Keys pressed while no collect was running (type-ahead) count toward the next collect, as callers
   * who know the script expect. `flush` drops them: used after an error prompt so stray keys do not
   * leak into the retry.
   */
  flush?: boolean;
}

export interface Collected {
  /** Keys pressed, `*` included, terminator excluded. Card data: never log it. */
  digits: string;
  reason: 'max' | 'terminator' | 'timeout';
}

/**
 * The only view of a phone call the call script has. Implemented over ARI in src/ari and by a
 * scripted fake in tests. Every method rejects with CallerHungUpError once the caller has gone.
 */
export interface CallPort {
  readonly id: string;
  /** Aborted when the caller hangs up or the channel leaves the app. */
  readonly signal: AbortSignal;
  language: Language;
  answer(): Promise<void>;
  /** Plays prompts (or a merchant's greeting) in order to the end (no barge-in). A missing file is logged and skipped. */
  play(prompts: SoundId[]): Promise<void>;
  collect(options: CollectOptions): Promise<Collected>;
  hangup(): Promise<void>;
}
