import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { forkWorker } from '../lib/worker-rpc';
import { connectBenchDriver, type BenchDriver } from './bench-driver';
import { CLUSTER_APPS } from './call-plan';
import { runClusterPhase } from './cluster-phase';
import { clusterNodeEnv, missingApps } from './cluster-plan';
import { startClusterSandboxes } from './cluster-sandboxes';
import type { PhaseRaw } from './phase';
import { stopService, type ServiceReady, type ServiceWorker } from './service-starter';

export interface ClusterRunDeps {
  /** The project's sandbox Asterisk (A), its driver already connected and its bench contexts checked. */
  asteriskA: { url: string; pid: number; driver: BenchDriver };
  ari: { user: string; password: string; requestTimeoutMs: number };
  dataDir: string;
  soundsDir: string;
  /** The service workers' environment (the acquirer's settings among it), and their node flags. */
  workerEnv: NodeJS.ProcessEnv;
  nodeFlags: string[];
  phase: { calls: number; rampMs: number; callTimeoutMs: number };
  log: (line: string) => void;
}

/**
 * The cluster of --cluster, set up, measured, and taken down again: Asterisk B and a fresh PostgreSQL beside
 * Asterisk A, two nodes (each its own process, its own app on both Asterisks, the one database), and the phase's
 * calls split between the Asterisks. Everything it started is stopped before it returns, whatever happened.
 */
export async function runCluster(deps: ClusterRunDeps): Promise<PhaseRaw & { callsPerNode: number[] }> {
  const { log } = deps;
  const sandboxes = await startClusterSandboxes({
    dataDir: deps.dataDir,
    soundsDir: deps.soundsDir,
    ariPassword: deps.ari.password,
    log,
  });
  const workers: ServiceWorker[] = [];
  let driverB: BenchDriver | undefined;
  try {
    driverB = await connectBenchDriver({ ...deps.ari, url: sandboxes.asteriskB.url });
    const drivers = [deps.asteriskA.driver, driverB];
    const ariUrls = [deps.asteriskA.url, sandboxes.asteriskB.url];
    // One after the other: the first migrates the empty database.
    for (let i = 0; i < CLUSTER_APPS.length; i++) {
      const env = { ...deps.workerEnv, ...clusterNodeEnv(i, { ariUrls, databaseUrl: sandboxes.postgres.url }) };
      const worker = await forkWorker<ServiceReady>(path.join(__dirname, 'service-worker.ts'), {
        env,
        nodeFlags: deps.nodeFlags,
      });
      workers.push(worker);
      if (worker.ready.app !== CLUSTER_APPS[i]) throw new Error(`node ${i} took the app ${worker.ready.app}`);
    }
    await appsOnEveryAsterisk(drivers);
    log(`cluster: ${workers.length} nodes (pids ${workers.map((w) => w.ready.pid).join(', ')}) on ${ariUrls.join(' and ')}`);
    return await runClusterPhase(
      { drivers, asteriskPids: [deps.asteriskA.pid, sandboxes.asteriskB.pid], workers, postgresPid: sandboxes.postgres.pid },
      deps.phase,
    );
  } finally {
    // Together: a node stopped before the other would be seen dead by it (its heartbeat gone), which is no figure here.
    await Promise.all(workers.map(stopService));
    await driverB?.close().catch(() => {});
    await sandboxes.stop();
  }
}

/**
 * A node is ready once one Asterisk answers, and joins the others when they do (src/ari/asterisk-servers.ts): the
 * calls wait until every node's app is on every Asterisk, else the first ones would find a node missing. 30 s at most.
 */
async function appsOnEveryAsterisk(drivers: BenchDriver[]): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const missing = await Promise.all(drivers.map(async (d) => missingApps(await d.client().applications.list(), CLUSTER_APPS)));
    if (missing.every((m) => m.length === 0)) return;
    if (Date.now() > deadline)
      throw new Error(`after 30 s the Asterisks still lack apps: ${missing.map((m) => m.join(', ') || 'none').join(' / ')}`);
    await sleep(200);
  }
}
