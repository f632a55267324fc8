/**
 * npm run bench:api -- [--duration 10] [--connections 10,50] [--rounds 2] [--log-level warn] [--only post|get]
 *                       [--against <git-ref> [--allow-dirty]]
 * npm run bench:api -- --store postgres [--processes 1,2] [--database-url <url>] [--rate-limits store|memory]
 *                       [--duration …] [--connections …] [--rounds …]
 *
 * autocannon against the merchant API (POST /v1/orders, authenticated, a fresh Idempotency-Key and
 * merchantOrderId per request; GET /v1/orders/:id) with SQLITE_SYNCHRONOUS=full (the default) and
 * =normal, against the same HTTP layer over a stubbed store (what the store costs), and, in the same
 * run, against a bare Express app answering the same JSON. Each server runs in a worker process pinned to one core, autocannon in
 * this one on the other. Prints markdown tables and writes bench/results/api.json. 127.0.0.1 only.
 * With --against, the API of another commit (checked out under data/, its own worker file) is measured
 * in the same rounds, beside this one's, and a table gives current/previous for each figure.
 * With --store postgres: the API on PostgreSQL as 1 and as 2 processes, and the scaling ratio (api/api-scaling.ts).
 */
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { Command } from 'commander';
import { apiAgainst } from './api/api-against';
import { requestFor } from './api/api-requests';
import {
  checkStoreOptions,
  parseCountList,
  parseRateLimits,
  parseStore,
  type BenchStore,
  type RateLimits,
} from './api/api-store-options';
import { runScaling } from './api/api-scaling';
import { apiReport, SERVER_NAME, type ApiResult, type ApiRun } from './api/api-report';
import { roundOrder, startServers, stopServers, type Server } from './api/api-servers';
import { machineFacts } from './lib/machine-facts';
import { describeTrees, openRefTree, parseRef, treeNames } from './lib/ref-tree';
import { writeResults } from './lib/results-file';
import { describeFailure } from './lib/usage-error';

const program = new Command()
  .name('bench:api')
  .option('--duration <seconds>', 'length of each measured run', Number, 10)
  .option(
    '--connections <list>',
    'concurrent connections, one measurement per number: 10 as a steady client, 50 as a burst',
    parseLevels,
    [10, 50],
  )
  .option('--rounds <n>', 'measure each endpoint this many times, alternating with the baseline', Number, 2)
  .option('--log-level <level>', "the API's LOG_LEVEL (info writes a line per request)", 'warn')
  .option('--only <endpoint>', 'measure just post or get (for profiling one of them)')
  .option('--cpu-prof', 'write a V8 CPU profile of the API process to bench/results/profiles/')
  .option('--against <git-ref>', "also measure that commit's API in the same rounds, and give current/previous", parseRef)
  .option('--allow-dirty', 'with --against: measure this tree even with uncommitted changes')
  .option('--store <store>', 'sqlite (ivrpay against bare Express) or postgres (1 and 2 API processes)', parseStore, 'sqlite')
  .option('--processes <list>', 'with --store postgres: API process counts to compare (default 1,2)', (t: string) =>
    parseCountList('--processes', t),
  )
  .option('--database-url <url>', 'with --store postgres: this PostgreSQL (else BENCH_DATABASE_URL, else the sandbox)')
  .option(
    '--rate-limits <where>',
    'with --store postgres: store (shared in PostgreSQL, as the service runs; default) or memory (each process alone: what sharing costs)',
    parseRateLimits,
  );

function parseLevels(text: string): number[] {
  const levels = text.split(',').map(Number);
  if (levels.some((n) => !Number.isInteger(n) || n < 1))
    throw new Error(`--connections: whole numbers separated by commas, got ${text}`);
  return levels;
}

function log(line: string): void {
  process.stderr.write(`bench:api: ${line}\n`);
}

/** One core for the servers, the other for autocannon, so neither measures the other's work. */
function pin(servers: Server[]): string {
  if (os.cpus().length < 2) return 'not pinned (one core)';
  try {
    for (const s of servers) execFileSync('taskset', ['-a', '-pc', '1', String(s.ready.pid)], { stdio: 'ignore' });
    execFileSync('taskset', ['-a', '-pc', '0', String(process.pid)], { stdio: 'ignore' });
    return 'servers on core 1, autocannon on core 0 (taskset)';
  } catch {
    return 'not pinned (taskset failed)';
  }
}

async function measure(
  server: Server,
  endpoint: 'post' | 'get',
  bare: boolean,
  opts: { duration: number; connections: number },
): Promise<ApiRun> {
  const url = `http://127.0.0.1:${server.ready.port}`;
  const base = { url, connections: opts.connections, requests: [requestFor(endpoint, server.ready, bare)] };
  await autocannon({ ...base, duration: 2 }); // warm-up: JIT, SQLite pages, keep-alive sockets
  const cpuBefore = await server.call<number>('cpu');
  const result = await autocannon({ ...base, duration: opts.duration });
  const cpuAfter = await server.call<number>('cpu');
  return {
    requestsPerSecond: result.requests.average,
    latencyMs: { p50: result.latency.p50, p99: result.latency.p99, max: result.latency.max },
    requests: result.requests.total,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    bytesPerResponse: result.throughput.total / Math.max(1, result.requests.total),
    serverCpuPercent: ((cpuAfter - cpuBefore) / 1000 / (result.duration * 1000)) * 100,
  };
}

async function main(): Promise<void> {
  const opts = program.parse().opts<{
    duration: number;
    connections: number[];
    rounds: number;
    logLevel: string;
    only?: string;
    cpuProf?: boolean;
    against?: string;
    allowDirty?: boolean;
    store: BenchStore;
    processes?: number[];
    databaseUrl?: string;
    rateLimits?: RateLimits;
  }>();
  checkStoreOptions(opts);
  if (opts.store === 'postgres') {
    const databaseUrl = opts.databaseUrl ?? process.env.BENCH_DATABASE_URL;
    await runScaling({ ...opts, processes: opts.processes ?? [1, 2], databaseUrl, rateLimits: opts.rateLimits ?? 'store' }, log);
    return;
  }
  const profileDir = path.resolve(__dirname, '..', '..', 'bench', 'results', 'profiles');
  const machine = machineFacts();
  const against = opts.against ? openRefTree({ ref: opts.against, allowDirty: opts.allowDirty }) : undefined;
  if (against) log(`against ${against.ref} (${against.commit.slice(0, 7)}), checked out in ${against.dir}`);
  const results: ApiResult[] = [];
  const servers = await startServers(
    { logLevel: opts.logLevel, profileDir: opts.cpuProf ? profileDir : undefined },
    against?.file('scripts/bench/api/api-worker.ts'),
  ).catch((err: unknown) => {
    against?.remove();
    throw err;
  });
  const pinning = pin(servers.map(([, s]) => s));
  try {
    for (const connections of opts.connections) {
      const runs: ApiResult['runs'] = [];
      for (let round = 1; round <= opts.rounds; round++) {
        for (const endpoint of (['post', 'get'] as const).filter((e) => !opts.only || e === opts.only)) {
          for (const [kind, server] of roundOrder(servers, round)) {
            const figures = await measure(server, endpoint, kind === 'bare', { duration: opts.duration, connections });
            runs.push({ round, endpoint, server: kind, ...figures });
            log(
              `${connections} connections, round ${round}, ${SERVER_NAME[kind]} ${endpoint.toUpperCase()}: ${Math.round(figures.requestsPerSecond)} req/s, p99 ${figures.latencyMs.p99} ms`,
            );
          }
        }
      }
      const settings = {
        durationSeconds: opts.duration,
        connections,
        rounds: opts.rounds,
        serviceLogLevel: opts.logLevel,
        pinning,
        rateLimitPerMinute: 1_000_000,
        ...(against ? { against: treeNames(against).previous } : {}),
      };
      results.push({ benchmark: 'api', machine, settings, runs });
    }
  } finally {
    await stopServers(servers);
    against?.remove();
  }
  const reports = results.map((result) => {
    const compared = against ? apiAgainst(result, treeNames(against)) : undefined;
    const report = apiReport(result);
    return { result, ...report, markdown: [report.markdown, compared?.markdown].filter(Boolean).join('\n\n'), compared };
  });
  const file = writeResults('api', {
    benchmark: 'api',
    machine,
    ...(against ? { against: describeTrees(against) } : {}),
    levels: reports.map(({ result, summary, compared }) => ({
      ...result,
      summary,
      ...(compared ? { against: compared.comparison } : {}),
    })),
  });
  process.stdout.write(`${reports.map((r) => r.markdown).join('\n\n')}\n\nResults: ${path.relative(process.cwd(), file)}\n`);
}

main().catch((err: unknown) => {
  log(describeFailure(err));
  process.exit(1);
});
