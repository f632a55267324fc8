import type { Language } from '../domain/language';
import type { PromptId } from './prompt-manifest';

export type { Language } from '../domain/language';

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
  /**
   * The keys this collect takes (the language offer's `9`). Any other key, typed ahead or pressed, ends it unread:
   * it stays, with the keys after it, for the next collect, so a caller already keying the pay code loses nothing
   * (README, "Language of a call"). A terminator before any digit is still ignored.
   */
  only?: string;
  /**
   * Told after each key that counts toward `digits`, with how many are in so far (never the key itself): the
   * agent's live digit count of an agent-assisted capture (src/agent-assist).
   */
  onKey?: (count: number) => void;
  /**
   * Ends the collect at once when aborted: its prompts stop and it rejects with the signal's reason. An agent
   * cancelling a capture, or asking a field again, interrupts the field being keyed (src/agent-assist).
   */
  signal?: AbortSignal;
}

export interface Collected {
  /** Keys pressed, `*` included, terminator excluded. Card data: never log it. */
  digits: string;
  /** `other-key`: a key outside `only` ended it, left for the next collect. */
  reason: 'max' | 'terminator' | 'timeout' | 'other-key';
}

/**
 * The only view of a phone call the call script has. Implemented over ARI in src/ari and by a
 * scripted fake in tests. Every method rejects with CallerHungUpError once the caller has gone.
 */
export interface CallPort {
  readonly id: string;
  /** Aborted when the caller hangs up or the channel leaves the app. */
  readonly signal: AbortSignal;
  /** The language of the prompts started from now on (sounds/<language>/). */
  language: Language;
  answer(): Promise<void>;
  /** Plays prompts (or a merchant's greeting) in order to the end (no barge-in). A missing file is logged and skipped. */
  play(prompts: SoundId[]): Promise<void>;
  collect(options: CollectOptions): Promise<Collected>;
  hangup(): Promise<void>;
  /**
   * Ends the script without hanging up: sets `variables` on the channel and hands the caller back to the
   * dialplan's return context at `extension`, for the call centre the call came from (README, "Back to the agent").
   */
  handBack(extension: string, variables: Record<string, string>): Promise<void>;
}
