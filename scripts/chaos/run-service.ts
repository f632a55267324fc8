import type { KillStep } from './fault-plan';
import { count, type Tally } from './fault-tally';
import type { ServiceProcesses, ServiceWorker } from './service-process';
import type { ServiceStart } from './service/chaos-service';

/** How long one command to the service may take before the run is called stuck. */
const COMMAND_TIMEOUT_MS = 60_000;

export interface RunServiceOptions {
  processes: ServiceProcesses;
  /** The service's start, but for the clock, which is read at each start (jumps carry over a restart). */
  start: Omit<ServiceStart, 'clockOffsetMs' | 'kill'>;
  clockOffsetMs(): number;
  /** The kill of the plan; 'after-send' is carried out by the runner, the others by the service itself. */
  kill?: { step: KillStep; consume: number };
  tally: Tally;
}

/**
 * The service of one run across its deaths: started on the run's store, killed (by the runner or by itself at a
 * kill point, counted as the fault that happened), and started again on the same store when next needed: a
 * restart, with start-up recovery.
 */
export function createRunService(opts: RunServiceOptions) {
  let current: { worker: ServiceWorker; port: number } | undefined;
  let starting: Promise<{ worker: ServiceWorker; port: number }> | undefined;
  let starts = 0;
  const runnerKilled = new WeakSet<ServiceWorker>();
  const crashes: string[] = [];
  /** Detaches this run from a process that goes on to serve other runs. */
  const letGo = new WeakMap<ServiceWorker, () => void>();

  async function start() {
    const first = starts++ === 0;
    const worker = await opts.processes.take();
    const own = opts.kill && opts.kill.step !== 'after-send' && first ? { kill: { ...opts.kill, step: opts.kill.step } } : {};
    const { port } = await withTimeout(
      worker.call<{ port: number }>('start', {
        ...opts.start,
        clockOffsetMs: opts.clockOffsetMs(),
        ...own,
      } satisfies ServiceStart),
      'start',
    );
    const running = { worker, port };
    current = running;
    // Faults the service reports as they happen (a full disk at its first refused write).
    const onFault = (message: { type?: string; kind?: string }) => {
      if (message.type === 'fault' && message.kind && current === running) count(opts.tally, message.kind);
    };
    worker.child.on('message', onFault);
    void worker.exited.then(() => worker.child.off('message', onFault));
    letGo.set(worker, () => worker.child.off('message', onFault));
    void worker.exited.then(() => {
      // Gone after it was stopped or discarded (its process served later runs): not this run's death.
      if (current !== running) return;
      current = undefined;
      if (runnerKilled.has(worker)) return;
      // Killed by a kill point of its own: the plan's kill happened. Any other exit is the service crashing.
      if (worker.child.signalCode === 'SIGKILL' && opts.kill) count(opts.tally, `kill ${opts.kill.step}`);
      else
        crashes.push(`the service process exited by itself (code ${worker.child.exitCode}, signal ${worker.child.signalCode})`);
    });
    return running;
  }

  return {
    /** The running service, started (again) if it is down. */
    async ensure(): Promise<{ worker: ServiceWorker; port: number }> {
      if (current) return current;
      starting ??= start().finally(() => (starting = undefined));
      return starting;
    },
    /** The base URL while the service is up. */
    url: () => (current ? `http://127.0.0.1:${current.port}` : undefined),
    starts: () => starts,
    /** Deaths nobody planned: each fails the run. */
    crashes: () => crashes,
    /** One command to the running service; rejects if it dies meanwhile. */
    async command<T>(cmd: string, payload?: unknown): Promise<T> {
      const { worker } = await this.ensure();
      return withTimeout(worker.call<T>(cmd, payload), cmd);
    },
    /** The runner's kill ("after send"): SIGKILL now. */
    async kill(): Promise<void> {
      const running = current;
      if (!running) return;
      runnerKilled.add(running.worker);
      count(opts.tally, 'kill after-send');
      await opts.processes.kill(running.worker);
    },
    /** Kills whatever still runs of a run that broke, so its process takes no further run. */
    async discard(): Promise<void> {
      const running = current ?? (await starting?.catch(() => undefined));
      current = undefined;
      if (running) await opts.processes.kill(running.worker);
    },
    /** Stops the service cleanly and hands its process to the next run. */
    async stop(): Promise<{ diskFullRefused: number }> {
      const running = await this.ensure();
      current = undefined;
      try {
        const stopped = await withTimeout(running.worker.call<{ diskFullRefused: number }>('stop'), 'stop');
        letGo.get(running.worker)?.();
        opts.processes.giveBack(running.worker);
        return stopped;
      } catch (err) {
        await opts.processes.kill(running.worker);
        throw err;
      }
    },
  };
}

export type RunService = ReturnType<typeof createRunService>;

function withTimeout<T>(work: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`the service did not answer "${what}" within ${COMMAND_TIMEOUT_MS} ms`)),
      COMMAND_TIMEOUT_MS,
    );
  });
  return Promise.race([work, expired]).finally(() => clearTimeout(timer));
}
