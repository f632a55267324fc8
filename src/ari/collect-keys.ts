import type { Collected, CollectOptions } from '../call/call-port';
import type { PromptId } from '../call/prompt-manifest';

/** What one collect needs from its call; AriCall provides it, tests may too. */
export interface CollectHooks {
  signal: AbortSignal;
  hungUp: () => Error;
  /** Keys pressed before this collect; consumed in place, the rest stays for the next one. */
  typeAhead: string[];
  /** Starts delivering keys to `onKey`; returns the function that stops it. */
  listen(onKey: (key: string) => void): () => void;
  /** Starts the prompts; `onEnd` runs when they finish by themselves (not after `stop`). */
  playPrompts(prompts: PromptId[], onEnd: () => void): { sent: Promise<void>; stop: () => void };
}

/**
 * Keys are listened to before the prompts start, so the first key stops them (barge-in) and counts.
 * The first-digit timeout runs from the end of the prompts, the inter-digit timeout from each key (the
 * shorter `completeAfter.pauseMs` once that many digits are in). A terminator before any digit is ignored.
 * With `only`, a key outside it ends the collect unread, typed ahead or not (CollectOptions.only).
 */
export function collectKeys(options: CollectOptions, hooks: CollectHooks): Promise<Collected> {
  const terminator = options.terminator ?? '#';
  return new Promise<Collected>((resolve, reject) => {
    let digits = '';
    let settled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let playing: { stop: () => void } | undefined;
    let bargedIn = false;
    let unlisten = () => {};

    const cleanup = () => {
      settled = true;
      clearTimeout(timer);
      unlisten();
      hooks.signal.removeEventListener('abort', onAbort);
      options.signal?.removeEventListener('abort', onInterrupt);
    };
    const finish = (reason: Collected['reason']) => {
      if (settled) return;
      cleanup();
      resolve({ digits, reason });
    };
    const fail = (err: Error) => {
      if (settled) return;
      cleanup();
      reject(err);
    };
    const onAbort = () => fail(hooks.hungUp());
    const onInterrupt = () => {
      playing?.stop();
      playing = undefined;
      fail(options.signal?.reason instanceof Error ? options.signal.reason : new Error('collect interrupted'));
    };
    const arm = (ms: number) => {
      clearTimeout(timer);
      timer = setTimeout(() => finish('timeout'), ms);
    };
    const onKey = (key: string) => {
      if (settled) return;
      if (key === terminator && digits === '') return;
      if (playing) {
        playing.stop();
        playing = undefined;
        bargedIn = true;
      }
      if (options.only !== undefined && !options.only.includes(key)) {
        // Not an answer to this offer but the first key of the next field: kept for it, ahead of any later key.
        hooks.typeAhead.unshift(key);
        return finish('other-key');
      }
      if (key === terminator) return finish('terminator');
      digits += key;
      options.onKey?.(digits.length);
      if (digits.length >= options.maxDigits) return finish('max');
      const { completeAfter } = options;
      arm(completeAfter && digits.length >= completeAfter.minDigits ? completeAfter.pauseMs : options.interDigitTimeoutMs);
    };

    if (hooks.signal.aborted) return onAbort();
    if (options.signal?.aborted) return onInterrupt();
    hooks.signal.addEventListener('abort', onAbort, { once: true });
    options.signal?.addEventListener('abort', onInterrupt, { once: true });
    unlisten = hooks.listen(onKey);
    while (!settled && hooks.typeAhead.length > 0) onKey(hooks.typeAhead.shift() as string);
    // Keys typed ahead answer the prompts already.
    if (settled || digits.length > 0) return;
    if (options.prompts.length === 0) return arm(options.firstDigitTimeoutMs);

    const playback = hooks.playPrompts(options.prompts, () => {
      if (playing !== playback || settled) return;
      playing = undefined;
      arm(options.firstDigitTimeoutMs);
    });
    playing = playback;
    playback.sent.then(() => {
      // A key that arrived before Asterisk created the playback may have stopped nothing.
      if (bargedIn && !hooks.signal.aborted) playback.stop();
    }, fail);
  });
}
