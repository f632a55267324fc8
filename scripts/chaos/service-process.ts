import path from 'node:path';
import { forkWorker, type Worker } from '../bench/lib/worker-rpc';

export type ServiceWorker = Worker<{ pid: number }>;

const CHILD = path.join(__dirname, 'service', 'service-child.ts');

function fork(): Promise<ServiceWorker> {
  const forking = forkWorker<{ pid: number }>(CHILD, { readyTimeoutMs: 120_000 });
  // A spare nobody has asked for yet must not fail as an unhandled rejection; take() still sees the failure.
  forking.catch(() => undefined);
  return forking;
}

/**
 * The service processes of one lane of runs. Loading the product's modules is most of what a process costs to
 * start (about a second with tsx), so one process is always being forked ahead, warm for the next restart, and a
 * process whose run ended without a kill is handed the next run.
 */
export function createServiceProcesses() {
  let spare: Promise<ServiceWorker> | undefined = fork();
  let idle: ServiceWorker | undefined;
  let dead = false;
  const all = new Set<ServiceWorker>();

  function track(worker: ServiceWorker): ServiceWorker {
    all.add(worker);
    void worker.exited.then(() => all.delete(worker));
    return worker;
  }

  return {
    /** A ready process with no service running in it. */
    async take(): Promise<ServiceWorker> {
      if (dead) throw new Error('the service processes are closed');
      if (idle) {
        const worker = idle;
        idle = undefined;
        return worker;
      }
      const next = track(await (spare ?? fork()));
      spare = fork();
      return next;
    },
    /** A process whose service stopped cleanly: it takes the next run. */
    giveBack(worker: ServiceWorker): void {
      if (idle || dead) void worker.call('exit').catch(() => undefined);
      else idle = worker;
    },
    /** SIGKILL, and wait until it is gone. */
    async kill(worker: ServiceWorker): Promise<void> {
      worker.child.kill('SIGKILL');
      await worker.exited;
    },
    async close(): Promise<void> {
      dead = true;
      const waiting = spare;
      spare = undefined;
      const last = await waiting?.catch(() => undefined);
      if (last) track(last);
      for (const worker of all) worker.child.kill('SIGKILL');
      await Promise.all([...all].map((w) => w.exited));
    },
  };
}

export type ServiceProcesses = ReturnType<typeof createServiceProcesses>;
