import { setTimeout as sleep } from 'node:timers/promises';
import { forkWorker, type Worker } from '../lib/worker-rpc';
import { BENCH_APP } from './call-plan';
import type { TreeName } from './run-plan';

export interface ServiceReady {
  pid: number;
  app: string;
  logLevel: string;
}
export type ServiceWorker = Worker<ServiceReady>;

/**
 * Forks bench:calls' measured service from a tree's own worker file (scripts/bench/calls/service-worker.ts
 * there), every tree with the same environment. The other tree's worker must speak this one's protocol
 * and take the Stasis app the benchmark dialplan sends calls to.
 */
export function serviceStarter(opts: {
  files: Partial<Record<TreeName, string>>;
  env: NodeJS.ProcessEnv;
  nodeFlags: string[];
}): (tree: TreeName) => Promise<ServiceWorker> {
  return async (tree) => {
    const file = opts.files[tree];
    if (!file) throw new Error(`no service worker for the ${tree} tree`);
    const worker = await forkWorker<ServiceReady>(file, { env: opts.env, nodeFlags: opts.nodeFlags });
    const { pid, app } = worker.ready;
    if (typeof pid !== 'number' || app !== BENCH_APP) {
      await stopService(worker);
      throw new Error(
        `${file} answered ready with ${JSON.stringify(worker.ready)}: the benchmark needs its pid and the Stasis app ${BENCH_APP}`,
      );
    }
    return worker;
  };
}

/**
 * Stops a service and waits for its process to end. Asterisk lets one connection hold a Stasis app
 * (a second one takes it over): the pause lets Asterisk drop this one's before the next service registers.
 */
export async function stopService(worker: ServiceWorker): Promise<void> {
  await worker.call('stop').catch(() => {});
  await worker.exited;
  await sleep(500);
}
