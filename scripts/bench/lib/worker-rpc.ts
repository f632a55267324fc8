import { fork, type ChildProcess } from 'node:child_process';
import { errorMessage } from '../../../src/lib/error-message';

/**
 * Request/answer over the IPC channel of a forked TypeScript worker, so the process we measure runs
 * nothing of the benchmark's own (driver, load generator) and its CPU and memory are its own.
 */
interface Request {
  id: number;
  cmd: string;
  payload?: unknown;
}
interface Answer {
  id: number;
  ok: boolean;
  value?: unknown;
  error?: string;
}

export interface Worker<Ready> {
  child: ChildProcess;
  /** What the worker sent with `ready`. */
  ready: Ready;
  call<T>(cmd: string, payload?: unknown): Promise<T>;
  /** Resolves with the exit code once the worker has exited. */
  exited: Promise<number | null>;
}

export interface ForkOptions {
  args?: string[];
  env?: NodeJS.ProcessEnv;
  /** Node flags for the worker, e.g. --cpu-prof; tsx is always loaded. */
  nodeFlags?: string[];
  /** How long the worker may take to send `ready`. */
  readyTimeoutMs?: number;
}

export async function forkWorker<Ready>(file: string, opts: ForkOptions = {}): Promise<Worker<Ready>> {
  const child = fork(file, opts.args ?? [], {
    execArgv: ['--import', 'tsx', ...(opts.nodeFlags ?? [])],
    env: opts.env ?? process.env,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  let nextId = 1;
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  void exited.then((code) => {
    for (const p of pending.values()) p.reject(new Error(`worker exited (code ${code})`));
    pending.clear();
  });

  const ready = await new Promise<Ready>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`worker ${file} not ready in time`)), opts.readyTimeoutMs ?? 120_000);
    child.on('message', (message: { type?: string; value?: unknown } & Partial<Answer>) => {
      if (message.type === 'ready') {
        clearTimeout(timer);
        resolve(message.value as Ready);
      } else if (message.type === 'failed') {
        clearTimeout(timer);
        reject(new Error(`worker ${file} failed to start: ${String(message.value)}`));
      } else if (typeof message.id === 'number') {
        const waiter = pending.get(message.id);
        pending.delete(message.id);
        if (message.ok) waiter?.resolve(message.value);
        else waiter?.reject(new Error(message.error ?? 'worker error'));
      }
    });
    void exited.then((code) => reject(new Error(`worker ${file} exited before it was ready (code ${code})`)));
  });

  return {
    child,
    ready,
    exited,
    call<T>(cmd: string, payload?: unknown): Promise<T> {
      const id = nextId++;
      return new Promise<T>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        // A worker that has just died (its exit not yet seen) fails this request, not the whole driver.
        child.send({ id, cmd, payload } satisfies Request, (err) => {
          if (!err) return;
          pending.delete(id);
          reject(err);
        });
      });
    },
  };
}

/** Each handler declares the payload it expects: the driver sends it so (it comes over IPC unchecked). */
export type Handlers = Record<string, (payload: never) => unknown>;

/** The worker's side: answers each request with its handler's (awaited) value. */
export function serveRequests(handlers: Handlers): void {
  process.on('message', (message: Request) => {
    const handler = handlers[message.cmd];
    Promise.resolve()
      .then(() => {
        if (!handler) throw new Error(`unknown command ${message.cmd}`);
        return (handler as (payload: unknown) => unknown)(message.payload);
      })
      .then(
        (value) => process.send?.({ id: message.id, ok: true, value } satisfies Answer),
        (err: unknown) => process.send?.({ id: message.id, ok: false, error: errorMessage(err) } satisfies Answer),
      );
  });
}

export function announceReady(value: unknown): void {
  process.send?.({ type: 'ready', value });
}

export function announceFailure(err: unknown): void {
  process.send?.({ type: 'failed', value: errorMessage(err) });
}
