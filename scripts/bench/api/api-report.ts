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
  runs: (ApiRun & { round: number; endpoint: 'post' | 'get'; server: 'bare' | 'api' })[];
}

const ENDPOINT = { post: 'POST /v1/orders', get: 'GET /v1/orders/:id' };
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

export function apiReport(result: ApiResult): { markdown: string; summary: unknown } {
  const of = (endpoint: 'post' | 'get', server: 'bare' | 'api') => result.runs.filter((r) => r.endpoint === endpoint && r.server === server);
  const averaged = (endpoint: 'post' | 'get', server: 'bare' | 'api') => {
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
  const endpoints = ['post', 'get'] as const;
  const summary = Object.fromEntries(endpoints.map((e) => {
    const bare = averaged(e, 'bare');
    const api = averaged(e, 'api');
    return [e, { bare, api, throughputRatio: api.requestsPerSecond / bare.requestsPerSecond, addedP99Ms: api.p99 - bare.p99 }];
  })) as Record<'post' | 'get', { bare: ReturnType<typeof averaged>; api: ReturnType<typeof averaged>; throughputRatio: number; addedP99Ms: number }>;

  const perRun = markdownTable(
    ['round', 'endpoint', 'server', 'req/s', 'p50 ms', 'p99 ms', 'server CPU %', 'non-2xx + errors', 'bytes/answer'],
    result.runs.map((r) => [r.round, ENDPOINT[r.endpoint], r.server === 'api' ? 'ivrpay API' : 'bare Express', Math.round(r.requestsPerSecond),
      r.latencyMs.p50, r.latencyMs.p99, Math.round(r.serverCpuPercent), r.errors + r.non2xx, Math.round(r.bytesPerResponse)]),
  );
  const versus = markdownTable(
    ['endpoint (mean of rounds)', 'bare req/s', 'ivrpay req/s', 'ratio', 'bare p99 ms', 'ivrpay p99 ms', 'added p99 ms'],
    endpoints.map((e) => {
      const s = summary[e];
      return [ENDPOINT[e], Math.round(s.bare.requestsPerSecond), Math.round(s.api.requestsPerSecond), `${fixed(s.throughputRatio * 100, 0)} %`,
        fixed(s.bare.p99, 1), fixed(s.api.p99, 1), fixed(s.addedP99Ms, 1)];
    }),
  );
  const failed = endpoints.reduce((n, e) => n + summary[e].api.failed + summary[e].bare.failed, 0);
  const targets = [
    { target: 'merchant API ≥ 50 % of bare Express throughput', measured: endpoints.map((e) => `${ENDPOINT[e]} ${fixed(summary[e].throughputRatio * 100, 0)} %`).join(', '), met: endpoints.every((e) => summary[e].throughputRatio >= 0.5) },
    { target: '≥ 2,000 authenticated order creations per second on SQLite', measured: `${Math.round(summary.post.api.requestsPerSecond)}/s`, met: summary.post.api.requestsPerSecond >= 2000 },
    { target: 'every request answered 2xx', measured: `${failed} failed`, met: failed === 0 },
  ];
  const goalTable = markdownTable(['target', 'measured', 'met'], targets.map((t) => [t.target, t.measured, t.met ? 'yes' : '**no**']));
  const s = result.settings;
  const markdown = [
    `### bench:api — ${s.connections} connections, ${s.durationSeconds} s per run, ${s.rounds} round(s), LOG_LEVEL ${s.serviceLogLevel}`,
    `Machine: ${describeMachine(result.machine)}; ${s.pinning}.`, '', versus, '', perRun, '', goalTable,
  ].join('\n');
  return { markdown, summary: { ...summary, targets } };
}
