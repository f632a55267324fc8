import { CLUSTER_APPS } from './call-plan';
import type { ServiceSample } from './service-worker';

/** Asterisk B of `bench:calls -- --cluster`, beside the project's sandbox (A) on the one chroot. */
export const ASTERISK_B = { dir: 'bench-asterisk-b', ariPort: 8089, sipPort: 5070 };
/** The run's own PostgreSQL sandbox: a fresh cluster in this folder of DATA_DIR, on a port of its own. */
export const BENCH_POSTGRES = { dir: 'bench-postgres', port: 54339 };
/** Each node's NODE_ID, in the order of CLUSTER_APPS. */
export const CLUSTER_NODE_IDS = ['bench-a', 'bench-b'];

/** Which Asterisk takes the i-th call: in turn, so each gets half the cardholders. */
export function asteriskOfCall(i: number, asterisks: number): number {
  return i % asterisks;
}

/** The environment of node `index`: its app and id, every node's app on every Asterisk, one database. */
export function clusterNodeEnv(index: number, opts: { ariUrls: string[]; databaseUrl: string }): Record<string, string> {
  return {
    NODE_ID: CLUSTER_NODE_IDS[index],
    BENCH_ARI_APP: CLUSTER_APPS[index],
    ARI_APPS: CLUSTER_APPS.join(','),
    ARI_URL: opts.ariUrls[0],
    ARI_SERVERS: opts.ariUrls.join(','),
    DATABASE_URL: opts.databaseUrl,
  };
}

/** The apps of `wanted` an Asterisk does not list yet (ARI's GET /applications). */
export function missingApps(listed: { name: string }[], wanted: string[]): string[] {
  const names = new Set(listed.map((app) => app.name));
  return wanted.filter((app) => !names.has(app));
}

/**
 * The nodes' samples as one: CPU, memory, calls and ARI traffic added up, at the latest node's time. The cluster's
 * figures are then those of one service spread over processes (CPU per 100 calls: the nodes together).
 */
export function sumSamples(samples: ServiceSample[]): ServiceSample {
  if (samples.length === 0) throw new Error('no sample to add up');
  const total = (pick: (s: ServiceSample) => number) => samples.reduce((sum, s) => sum + pick(s), 0);
  const aris = samples.map((s) => s.ari);
  return {
    at: Math.max(...samples.map((s) => s.at)),
    cpuMicros: total((s) => s.cpuMicros),
    rss: total((s) => s.rss),
    heapUsed: total((s) => s.heapUsed),
    activeCalls: total((s) => s.activeCalls),
    ...(aris.every((a) => a !== undefined)
      ? {
          ari: {
            requests: total((s) => s.ari?.requests ?? 0),
            events: total((s) => s.ari?.events ?? 0),
            eventBytes: total((s) => s.ari?.eventBytes ?? 0),
          },
        }
      : {}),
  };
}

/** How many calls each node took: the calls its app asked a prompt for (the dialplan chose the node). */
export function callsPerNode(promptTimesByNode: Record<string, number[]>[]): number[] {
  return promptTimesByNode.map((times) => Object.keys(times).length);
}

/** The nodes' prompt times (callId → when each app asked for a prompt) as one map: call ids are channel ids, unique. */
export function mergePromptTimes(maps: Record<string, number[]>[]): Record<string, number[]> {
  const merged: Record<string, number[]> = {};
  for (const map of maps)
    for (const [callId, times] of Object.entries(map)) merged[callId] = [...(merged[callId] ?? []), ...times];
  return merged;
}
