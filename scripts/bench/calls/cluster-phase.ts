import os from 'node:os';
import { errorMessage } from '../../../src/lib/error-message';
import { processCpuMicros, processRssBytes } from '../lib/proc-cpu';
import { processTreeCpuMicros } from '../lib/process-tree-cpu';
import type { BenchDriver } from './bench-driver';
import { CLUSTER_CONTEXT } from './call-plan';
import { asteriskOfCall, callsPerNode, mergePromptTimes, sumSamples } from './cluster-plan';
import { callsEnded, startRamped, type PhaseRaw, type Reading } from './phase';
import type { ServiceWorker } from './service-starter';
import type { ServiceSample } from './service-worker';

export interface ClusterSetup {
  /** One per Asterisk, its simulated cardholders: call i on drivers[i % n]. */
  drivers: BenchDriver[];
  asteriskPids: number[];
  /** One per node; the first makes the orders and reads their statuses (one database for all). */
  workers: ServiceWorker[];
  postgresPid: number;
}

/**
 * runPhase's app phase (phase.ts) on the cluster: the calls split between the Asterisks, each handed to a node by the
 * dialplan (CLUSTER_CONTEXT), and each reading the nodes added up, the Asterisks added up, and PostgreSQL.
 */
export async function runClusterPhase(
  setup: ClusterSetup,
  opts: { calls: number; rampMs: number; callTimeoutMs: number },
): Promise<PhaseRaw & { callsPerNode: number[] }> {
  const { drivers, workers } = setup;
  const [first] = workers;
  const orders = await first.call<{ id: string; payCode: string }[]>('orders', { count: opts.calls });
  const idleMemory = sumSamples(await Promise.all(workers.map((w) => w.call<ServiceSample>('settledMemory'))));
  await Promise.all(workers.map((w) => w.call('takePromptTimes')));

  /** Every node's sample, added up. */
  const sampleNodes = async () => sumSamples(await Promise.all(workers.map((w) => w.call<ServiceSample>('sample'))));
  const readings: Reading[] = [];
  let lost: unknown;
  const read = async () => {
    const service = await sampleNodes();
    const driverCpu = process.cpuUsage();
    readings.push({
      at: Date.now(),
      service,
      asteriskCpuMicros: setup.asteriskPids.reduce((sum, pid) => sum + processCpuMicros(pid), 0),
      asteriskRss: setup.asteriskPids.reduce((sum, pid) => sum + processRssBytes(pid), 0),
      postgresCpuMicros: processTreeCpuMicros(setup.postgresPid),
      driverCpuMicros: driverCpu.user + driverCpu.system,
    });
  };
  await read();
  const sampler = setInterval(() => void read().catch((err: unknown) => (lost ??= err)), 1_000);

  const calls = await startRamped(opts.calls, opts.rampMs, (i) =>
    drivers[asteriskOfCall(i, drivers.length)].call(`Local/${orders[i].payCode}@${CLUSTER_CONTEXT}`, 'app', opts.callTimeoutMs),
  );
  clearInterval(sampler);
  await read().catch((err: unknown) => (lost ??= err));
  if (lost) throw new Error(`the cluster could not be measured any more: ${errorMessage(lost)}`);

  const loadAverage = os.loadavg()[0];
  const settled = await callsEnded(sampleNodes);
  const statuses = await first.call<Record<string, number>>('statuses', { ids: orders.map((o) => o.id) });
  const byNode = await Promise.all(workers.map((w) => w.call<Record<string, number[]>>('takePromptTimes')));
  const promptTimes = mergePromptTimes(byNode);
  const ari = { before: readings[0].service.ari, after: settled.ari };
  return {
    mode: 'app',
    calls,
    readings,
    idleMemory,
    loadAverage,
    statuses,
    promptTimes,
    ari,
    callsPerNode: callsPerNode(byNode),
  };
}
