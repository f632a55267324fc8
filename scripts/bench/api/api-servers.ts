import path from 'node:path';
import { PROJECT_ROOT } from '../lib/ref-tree';
import { forkWorker, type Worker } from '../lib/worker-rpc';
import type { ApiWorkerReady } from './api-worker';
import type { ServerKind } from './api-report';

export type Server = Worker<ApiWorkerReady>;

export interface ServerSettings {
  logLevel: string;
  /** Where --cpu-prof writes, when given. */
  profileDir?: string;
}

/** The other tree's worker answered `ready` without what this one measures with: its protocol differs. */
function checkReady(ready: ApiWorkerReady, file: string): void {
  const fits = typeof ready.port === 'number' && typeof ready.apiKey === 'string' && Array.isArray(ready.orderIds);
  if (!fits)
    throw new Error(
      `${file} answered ready with ${JSON.stringify(Object.keys(ready))}: its protocol differs from scripts/bench/api/api-worker.ts (pid, port, apiKey, orderIds)`,
    );
}

/**
 * bench:api's servers, each in its own worker: bare Express, the API with synchronous=full and =normal,
 * the stubbed store and, given the other tree's worker file, that tree's API (full). Every API worker
 * gets the same settings, DATA_DIR included: the other tree's own default would be inside itself.
 */
export async function startServers(settings: ServerSettings, previousWorker?: string): Promise<[ServerKind, Server][]> {
  const worker = path.join(__dirname, 'api-worker.ts');
  // These servers are SQLite's (bench:api --store postgres starts its own): a DATABASE_URL in the shell must not move them.
  const { DATABASE_URL: _postgres, ...env } = process.env;
  const startApi = (synchronous: 'full' | 'normal', kind = 'service', file = worker) =>
    forkWorker<ApiWorkerReady>(file, {
      args: [kind, '1000'],
      env: {
        ...env,
        DATA_DIR: path.resolve(process.env.DATA_DIR ?? path.join(PROJECT_ROOT, 'data')),
        LOG_LEVEL: settings.logLevel,
        API_RATE_LIMIT_PER_MINUTE: '1000000',
        SQLITE_SYNCHRONOUS: synchronous,
      },
      nodeFlags: settings.profileDir ? ['--cpu-prof', `--cpu-prof-dir=${settings.profileDir}`] : [],
    });
  const servers: [ServerKind, Server][] = [['bare', await forkWorker<ApiWorkerReady>(worker, { args: ['bare'] })]];
  try {
    servers.push(['api', await startApi('full')]);
    if (previousWorker) {
      const previous = await startApi('full', 'service', previousWorker);
      servers.push(['previous', previous]);
      checkReady(previous.ready, previousWorker);
    }
    servers.push(['api-normal', await startApi('normal')], ['stub', await startApi('full', 'stub')]);
  } catch (err) {
    await stopServers(servers);
    throw err;
  }
  return servers;
}

export async function stopServers(servers: [ServerKind, Server][]): Promise<void> {
  await Promise.allSettled(servers.map(([, s]) => s.call('stop')));
}

/**
 * A round's order: the other tree's API is measured right beside this one's, and first on even rounds,
 * so neither always follows the other (a warmer machine, a fuller page cache).
 */
export function roundOrder<T>(servers: [ServerKind, T][], round: number): [ServerKind, T][] {
  if (round % 2 === 1) return servers;
  const ordered = [...servers];
  const api = ordered.findIndex(([kind]) => kind === 'api');
  const previous = ordered.findIndex(([kind]) => kind === 'previous');
  if (api >= 0 && previous >= 0) [ordered[api], ordered[previous]] = [ordered[previous], ordered[api]];
  return ordered;
}
