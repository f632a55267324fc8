import net from 'node:net';

export interface Reachability {
  ok: boolean;
  /** When the answer was found (it is reused for `cacheMs`). */
  checkedAt: string;
  /** Why not, as a code: ECONNREFUSED, ENOTFOUND, timeout. */
  error?: string;
}

export interface ReachabilityOptions {
  /** The acquirer's transaction endpoint. */
  url: string;
  timeoutMs: number;
  /** How long an answer is reused: load balancers poll often, the acquirer should not see every poll. */
  cacheMs: number;
  now: () => Date;
  /** For tests: opens the connection. */
  connect?: (port: number, host: string) => net.Socket;
}

/**
 * "Reachable": a TCP connection to the acquirer's endpoint opens within `timeoutMs`. Nothing is sent, so no
 * transaction and no signed request; the adapter has no circuit breaker, so this is what the service can
 * know cheaply before a caller's payment depends on it. Concurrent asks share one attempt.
 */
export function createAcquirerReachability(opts: ReachabilityOptions): () => Promise<Reachability> {
  const target = new URL(opts.url);
  const port = Number(target.port) || (target.protocol === 'https:' ? 443 : 80);
  const host = target.hostname.replace(/^\[|\]$/g, '');
  const connect = opts.connect ?? ((p: number, h: string) => net.connect(p, h));
  let last: { at: number; answer: Promise<Reachability> } | undefined;

  function probe(): Promise<Reachability> {
    const checkedAt = opts.now().toISOString();
    return new Promise((resolve) => {
      const socket = connect(port, host);
      const done = (error?: string) => {
        clearTimeout(timer);
        socket.destroy();
        resolve(error ? { ok: false, checkedAt, error } : { ok: true, checkedAt });
      };
      const timer = setTimeout(() => done('timeout'), opts.timeoutMs);
      socket.once('connect', () => done());
      socket.once('error', (err: NodeJS.ErrnoException) => done(err.code ?? 'error'));
    });
  }

  return () => {
    const at = opts.now().getTime();
    if (!last || at - last.at >= opts.cacheMs || at < last.at) last = { at, answer: probe() };
    return last.answer;
  };
}
