/**
 * bench:api --store postgres --processes 1,2: the merchant API on PostgreSQL, as 1 and as 2 processes, in one run.
 * Each process is a whole API app on a port of its own (what a node is: ivrpay scales by running more of them on
 * one store, behind a load balancer), not node:cluster workers behind one port, whose primary would be one more
 * process passing connections around on a 2-core machine. autocannon spreads its connections evenly over the
 * processes' ports. Each measurement starts on a fresh schema; rounds alternate which count goes first.
 */
import path from 'node:path';
import autocannon from 'autocannon';
import { usePostgres, freshSchema, type BenchPostgres } from '../lib/bench-postgres';
import { headCommit } from '../lib/head-commit';
import { machineFacts } from '../lib/machine-facts';
import { cpuPercent, processCpuMicros } from '../lib/proc-cpu';
import { processTreeCpuMicros } from '../lib/process-tree-cpu';
import { writeResults } from '../lib/results-file';
import { forkWorker, type Worker } from '../lib/worker-rpc';
import { requestFor } from './api-requests';
import { ENDPOINT } from './api-report';
import type { RateLimits } from './api-store-options';
import { scalingReport, type CpuSplit, type ScalingRun } from './api-scaling-report';
import type { ApiWorkerReady } from './api-worker';

export interface ScalingOptions {
  duration: number;
  connections: number[];
  rounds: number;
  logLevel: string;
  processes: number[];
  databaseUrl?: string;
  /** store: counted in PostgreSQL and shared, as the service does there; memory: per process (diagnostic). */
  rateLimits: RateLimits;
}

type Server = Worker<ApiWorkerReady>;

async function startProcesses(n: number, pg: BenchPostgres, schema: string, opts: ScalingOptions): Promise<Server[]> {
  const { DATABASE_URL: _ignored, ...env } = process.env;
  const start = (join: boolean) =>
    forkWorker<ApiWorkerReady>(path.join(__dirname, 'api-worker.ts'), {
      args: ['service', '1000', ...(join ? ['join'] : [])],
      env: {
        ...env,
        DATABASE_URL: pg.url,
        BENCH_PG_SCHEMA: schema,
        LOG_LEVEL: opts.logLevel,
        API_RATE_LIMIT_PER_MINUTE: '1000000',
        BENCH_RATE_LIMITS: opts.rateLimits,
      },
    });
  const servers = [await start(false)];
  try {
    for (let i = 1; i < n; i++) servers.push(await start(true));
  } catch (err) {
    await stopProcesses(servers);
    throw err;
  }
  return servers;
}

async function stopProcesses(servers: Server[]): Promise<void> {
  await Promise.allSettled(servers.map((s) => s.call('stop')));
  await Promise.allSettled(servers.map((s) => s.exited));
}

function cpuNow(servers: Server[], pg: BenchPostgres): CpuSplit {
  const own = process.cpuUsage();
  return {
    apiProcesses: servers.reduce((sum, s) => sum + processCpuMicros(s.ready.pid), 0),
    postgres: pg.postmasterPid ? processTreeCpuMicros(pg.postmasterPid) : NaN,
    loadGenerator: own.user + own.system,
  };
}

async function measure(
  servers: Server[],
  pg: BenchPostgres,
  endpoint: 'post' | 'get',
  opts: { duration: number; connections: number },
): Promise<Omit<ScalingRun, 'connections' | 'round' | 'processes' | 'endpoint'>> {
  // autocannon gives connection i to url i mod n (lib/run.js), though its types allow one url.
  const url = servers.map((s) => `http://127.0.0.1:${s.ready.port}`) as unknown as string;
  const base = { url, connections: opts.connections, requests: [requestFor(endpoint, servers[0].ready, false)] };
  await autocannon({ ...base, duration: 2 }); // warm-up: JIT, PostgreSQL's caches, the pools, keep-alive sockets
  const before = cpuNow(servers, pg);
  const started = performance.now();
  const result = await autocannon({ ...base, duration: opts.duration });
  const wallMs = performance.now() - started;
  const after = cpuNow(servers, pg);
  const share = (key: keyof CpuSplit) => cpuPercent(before[key], after[key], wallMs);
  return {
    requestsPerSecond: result.requests.average,
    latencyMs: { p50: result.latency.p50, p99: result.latency.p99, max: result.latency.max },
    requests: result.requests.total,
    failed: result.errors + result.timeouts + result.non2xx,
    cpu: { apiProcesses: share('apiProcesses'), postgres: share('postgres'), loadGenerator: share('loadGenerator') },
  };
}

export async function runScaling(opts: ScalingOptions, log: (line: string) => void): Promise<void> {
  const machine = machineFacts();
  const head = headCommit();
  const pg = usePostgres(opts.databaseUrl, log);
  const runs: ScalingRun[] = [];
  let postgresVersion = 'unknown';
  try {
    log(`PostgreSQL at ${pg.maskedUrl}`);
    for (const connections of opts.connections) {
      for (let round = 1; round <= opts.rounds; round++) {
        const order = round % 2 === 1 ? opts.processes : [...opts.processes].reverse();
        for (const processes of order) {
          const schema = await freshSchema(pg.url, `api${processes}`);
          const version = await schema.db.raw<{ rows: { server_version: string }[] }>('show server_version');
          postgresVersion = version.rows[0].server_version;
          const servers = await startProcesses(processes, pg, schema.name, opts).catch(async (err: unknown) => {
            await schema.drop();
            throw err;
          });
          try {
            for (const endpoint of ['post', 'get'] as const) {
              const figures = await measure(servers, pg, endpoint, { duration: opts.duration, connections });
              runs.push({ connections, round, processes, endpoint, ...figures });
              const c = figures.cpu;
              log(
                `${connections} connections, round ${round}, ${processes} process(es), ${ENDPOINT[endpoint]}: ${Math.round(figures.requestsPerSecond)} req/s, p99 ${figures.latencyMs.p99} ms, CPU API ${Math.round(c.apiProcesses)} % PostgreSQL ${Math.round(c.postgres)} % load ${Math.round(c.loadGenerator)} %`,
              );
            }
          } finally {
            await stopProcesses(servers);
            await schema.drop();
          }
        }
      }
    }
  } finally {
    pg.release();
  }
  const settings = {
    durationSeconds: opts.duration,
    rounds: opts.rounds,
    serviceLogLevel: opts.logLevel,
    processes: opts.processes,
    rateLimits: opts.rateLimits,
  };
  const result = { machine, head, postgresVersion, settings, runs };
  const report = scalingReport(result);
  const file = writeResults('api-postgres', {
    benchmark: 'api --store postgres',
    ...result,
    database: pg.maskedUrl,
    rateLimitPerMinute: 1_000_000,
    summary: report.summary,
  });
  process.stdout.write(`${report.markdown}\n\nResults: ${path.relative(process.cwd(), file)}\n`);
}
