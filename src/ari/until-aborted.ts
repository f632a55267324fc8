/**
 * Settles as `work` does, but rejects with `aborted()` as soon as `signal` aborts, even when `work`
 * never settles (an ARI request to an Asterisk that went away). The listener is removed either way.
 */
export function untilAborted<T>(work: Promise<T>, signal: AbortSignal, aborted: () => Error): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(aborted());
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (err: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(signal.aborted ? aborted() : err);
      },
    );
  });
}
