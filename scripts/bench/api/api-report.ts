import { describeMachine, type MachineFacts } from '../lib/machine-facts';
import { fixed, markdownTable } from '../lib/markdown-table';

export interface ApiRun {
  requestsPerSecond: number;
  latencyMs: { p50: number; p99: number; max: number };
  requests: number;
  errors: number;
  non2xx: number;
  bytesPerResponse: number;
  /** The server's process, % of one core (100 = its core was busy all along). */
  serverCpuPercent: number;
}

export interface ApiResult {
  benchmark: 'api';
  machine: MachineFacts;
  settings: Record<string, string | number>;
  runs: (ApiRun & { round: number; endpoint: 'post' | 'get'; server: ServerKind })[];
}

/**
 * The baseline, the API with SQLITE_SYNCHRONOUS=full (the default) and =normal, the HTTP layer over a
 * stubbed store, and with --against the API of the other tree (synchronous=full).
 */
export type ServerKind = 'bare' | 'api' | 'api-normal' | 'stub' | 'previous';
export const SERVER_NAME: Record<ServerKind, string> = {
  bare: 'bare Express',
  api: 'ivrpay API (synchronous=full, default)',
  'api-normal': 'ivrpay API (synchronous=normal)',
  stub: 'ivrpay HTTP layer, store stubbed (diagnostic)',
  previous: 'ivrpay API of the --against tree (synchronous=full)',
};
const VARIANTS = ['api', 'api-normal'] as const;
const COMPARED = [...VARIANTS, 'stub'] as const;

export const ENDPOINT = { post: 'POST /v1/orders', get: 'GET /v1/orders/:id' };
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

export function apiReport(result: ApiResult): { markdown: string; summary: unknown } {
  const of = (endpoint: 'post' | 'get', server: ServerKind) =>
    result.runs.filter((r) => r.endpoint === endpoint && r.server === server);
  const averaged = (endpoint: 'post' | 'get', server: ServerKind) => {
    const runs = of(endpoint, server);
    return {
      requestsPerSecond: mean(runs.map((r) => r.requestsPerSecond)),
      p50: mean(runs.map((r) => r.latencyMs.p50)),
      p99: mean(runs.map((r) => r.latencyMs.p99)),
      serverCpu: mean(runs.map((r) => r.serverCpuPercent)),
      failed: runs.reduce((n, r) => n + r.errors + r.non2xx, 0),
      bytes: mean(runs.map((r) => r.bytesPerResponse)),
    };
  };
  const endpoints = (['post', 'get'] as const).filter((e) => of(e, 'bare').length > 0);
  type Versus = {
    bare: ReturnType<typeof averaged>;
    api: ReturnType<typeof averaged>;
    throughputRatio: number;
    addedP99Ms: number;
  };
  const compare = (e: 'post' | 'get', variant: (typeof COMPARED)[number]): Versus => {
    const bare = averaged(e, 'bare');
    const api = averaged(e, variant);
    return { bare, api, throughputRatio: api.requestsPerSecond / bare.requestsPerSecond, addedP99Ms: api.p99 - bare.p99 };
  };
  const summary = Object.fromEntries(
    COMPARED.map((v) => [v, Object.fromEntries(endpoints.map((e) => [e, compare(e, v)]))]),
  ) as Record<(typeof COMPARED)[number], Partial<Record<'post' | 'get', Versus>>>;

  const perRun = markdownTable(
    ['round', 'endpoint', 'server', 'req/s', 'p50 ms', 'p99 ms', 'server CPU %', 'non-2xx + errors', 'bytes/answer'],
    result.runs.map((r) => [
      r.round,
      ENDPOINT[r.endpoint],
      SERVER_NAME[r.server],
      Math.round(r.requestsPerSecond),
      r.latencyMs.p50,
      r.latencyMs.p99,
      Math.round(r.serverCpuPercent),
      r.errors + r.non2xx,
      Math.round(r.bytesPerResponse),
    ]),
  );
  const versus = markdownTable(
    [
      'endpoint (mean of rounds)',
      'server',
      'bare req/s',
      'ivrpay req/s',
      'ratio',
      'bare p99 ms',
      'ivrpay p99 ms',
      'added p99 ms',
    ],
    endpoints.flatMap((e) =>
      COMPARED.map((v) => {
        const s = summary[v][e] as Versus;
        return [
          ENDPOINT[e],
          SERVER_NAME[v],
          Math.round(s.bare.requestsPerSecond),
          Math.round(s.api.requestsPerSecond),
          `${fixed(s.throughputRatio * 100, 0)} %`,
          fixed(s.bare.p99, 1),
          fixed(s.api.p99, 1),
          fixed(s.addedP99Ms, 1),
        ];
      }),
    ),
  );
  const failed = result.runs.reduce((n, r) => n + r.errors + r.non2xx, 0);
  const targets = [
    ...VARIANTS.map((v) => {
      const ratios = endpoints.map((e) => [e, (summary[v][e] as Versus).throughputRatio] as const);
      return {
        target: `${SERVER_NAME[v]}: ≥ 50 % of bare Express throughput`,
        measured: ratios.map(([e, r]) => `${ENDPOINT[e]} ${fixed(r * 100, 0)} %`).join(', '),
        met: ratios.every(([, r]) => r >= 0.5),
      };
    }),
    ...(endpoints.includes('post')
      ? VARIANTS.map((v) => {
          const rate = (summary[v].post as Versus).api.requestsPerSecond;
          return {
            target: `${SERVER_NAME[v]}: ≥ 2,000 authenticated order creations per second on SQLite`,
            measured: `${Math.round(rate)}/s`,
            met: rate >= 2000,
          };
        })
      : []),
    { target: 'every request answered 2xx', measured: `${failed} failed`, met: failed === 0 },
  ];
  const goalTable = markdownTable(
    ['target', 'measured', 'met'],
    targets.map((t) => [t.target, t.measured, t.met ? 'yes' : '**no**']),
  );
  const s = result.settings;
  const markdown = [
    `### bench:api — ${s.connections} connections, ${s.durationSeconds} s per run, ${s.rounds} round(s), LOG_LEVEL ${s.serviceLogLevel}`,
    `Machine: ${describeMachine(result.machine)}; ${s.pinning}.`,
    '',
    versus,
    '',
    perRun,
    '',
    goalTable,
  ].join('\n');
  return { markdown, summary: { ...summary, targets } };
}
