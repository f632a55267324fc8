import path from 'node:path';
import { forkWorker, type Worker } from '../../scripts/bench/lib/worker-rpc';

export type ClusterNode = Worker<{ pid: number; port: number }> & { name: string; apiBase: string };

/**
 * Starts one node of the cluster tests in a process of its own (cluster-node-worker.ts), with `env` over the
 * e2e defaults (e2eEnv): give each its NODE_ID and ARI_APP, and the same store.
 */
export async function startClusterNode(name: string, env: Record<string, string>): Promise<ClusterNode> {
  const worker = await forkWorker<{ pid: number; port: number }>(path.join(__dirname, 'cluster-node-worker.ts'), {
    args: [name],
    env: { ...process.env, ...env },
    readyTimeoutMs: 120_000,
  });
  return Object.assign(worker, { name, apiBase: `http://127.0.0.1:${worker.ready.port}` });
}

/** A clean stop, or nothing when the node is already gone. */
export async function stopClusterNode(node: ClusterNode): Promise<void> {
  if (node.child.exitCode !== null || node.child.signalCode !== null) return;
  await node.call('stop').catch(() => undefined);
  await node.exited;
}
