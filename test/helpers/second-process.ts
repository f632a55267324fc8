import path from 'node:path';
import { forkWorker, type Worker } from '../../scripts/bench/lib/worker-rpc';

export type SecondProcess = Worker<{ pid: number }>;

/** A second process on the same SQLite file, running the services at `now` (see second-process-worker.ts). */
export function startSecondProcess(file: string, now: Date): Promise<SecondProcess> {
  return forkWorker(path.join(__dirname, 'second-process-worker.ts'), {
    args: [file, now.toISOString()],
    readyTimeoutMs: 30_000,
  });
}

export async function stopSecondProcess(worker: SecondProcess): Promise<void> {
  await worker.call('stop').catch(() => undefined);
  await worker.exited;
}
