/** When to stop waiting: after `ms`, when `signal` aborts, or whichever comes first. */
export interface WaitLimit {
  ms?: number;
  /** An already aborted signal ends the wait at once, even for work that has already settled. */
  signal?: AbortSignal;
}

/**
 * Settles as `work` does, unless the limit comes first: then it rejects with `expired()`, or, without
 * `expired`, resolves undefined. Either way the wait stops, not the work: it runs on, and its late
 * result is ignored. The timer and the abort listener are gone once this settles.
 */
export function within<T>(work: Promise<T>, limit: WaitLimit): Promise<T | undefined>;
export function within<T>(work: Promise<T>, limit: WaitLimit, expired: () => Error): Promise<T>;
export function within<T>(work: Promise<T>, limit: WaitLimit, expired?: () => Error): Promise<T | undefined> {
  const { ms, signal } = limit;
  return new Promise<T | undefined>((resolve, reject) => {
    let timer: NodeJS.Timeout | undefined;
    const stopWaiting = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', expire);
    };
    function expire() {
      stopWaiting();
      if (expired) reject(expired());
      else resolve(undefined);
    }
    // Observed first: work that fails after the wait has ended is no unhandled rejection.
    work.then(resolve, reject);
    work.then(stopWaiting, stopWaiting);
    if (signal?.aborted) return expire();
    signal?.addEventListener('abort', expire, { once: true });
    if (ms !== undefined) timer = setTimeout(expire, ms);
  });
}
