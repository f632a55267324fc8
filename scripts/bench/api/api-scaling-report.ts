import type { HeadCommit } from '../lib/head-commit';
import { describeMachine, type MachineFacts } from '../lib/machine-facts';
import { fixed, markdownTable } from '../lib/markdown-table';
import { ratio } from '../lib/ratio-table';
import { ENDPOINT } from './api-report';

/** CPU over a measured run, in % of one core (the machine has `cores` × 100). */
export interface CpuSplit {
  apiProcesses: number;
  postgres: number;
  loadGenerator: number;
}

/** One measurement of bench:api --store postgres: `processes` API processes, the load split evenly across them. */
export interface ScalingRun {
  connections: number;
  round: number;
  processes: number;
  endpoint: 'post' | 'get';
  requestsPerSecond: number;
  latencyMs: { p50: number; p99: number; max: number };
  requests: number;
  /** Errors, timeouts and non-2xx answers. */
  failed: number;
  cpu: CpuSplit;
}

export interface ScalingLevel {
  connections: number;
  endpoint: 'post' | 'get';
  processes: number;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  failed: number;
  cpu: CpuSplit;
}

/** Throughput of `processes` over that of `baseline` processes (the fewest measured): mean of the rounds, and each round's. */
export interface ScalingRatio {
  connections: number;
  endpoint: 'post' | 'get';
  processes: number;
  baseline: number;
  ratio: number;
  perRound: number[];
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

export function scalingSummary(runs: ScalingRun[]): { levels: ScalingLevel[]; ratios: ScalingRatio[] } {
  const levels: ScalingLevel[] = [];
  const ratios: ScalingRatio[] = [];
  const distinct = <T>(xs: T[]) => [...new Set(xs)];
  for (const connections of distinct(runs.map((r) => r.connections))) {
    for (const endpoint of distinct(runs.map((r) => r.endpoint))) {
      const of = (processes: number) =>
        runs.filter((r) => r.connections === connections && r.endpoint === endpoint && r.processes === processes);
      const counts = distinct(runs.map((r) => r.processes)).sort((a, b) => a - b);
      for (const processes of counts) {
        const rs = of(processes);
        if (rs.length === 0) continue;
        levels.push({
          connections,
          endpoint,
          processes,
          requestsPerSecond: mean(rs.map((r) => r.requestsPerSecond)),
          p50: mean(rs.map((r) => r.latencyMs.p50)),
          p99: mean(rs.map((r) => r.latencyMs.p99)),
          failed: rs.reduce((n, r) => n + r.failed, 0),
          cpu: {
            apiProcesses: mean(rs.map((r) => r.cpu.apiProcesses)),
            postgres: mean(rs.map((r) => r.cpu.postgres)),
            loadGenerator: mean(rs.map((r) => r.cpu.loadGenerator)),
          },
        });
      }
      const baseline = counts.find((n) => of(n).length > 0);
      if (baseline === undefined) continue;
      const base = of(baseline);
      for (const processes of counts.filter((n) => n > baseline && of(n).length > 0)) {
        const rs = of(processes);
        const perRound = rs.flatMap((r) => {
          const other = base.find((b) => b.round === r.round);
          return other ? [ratio(r.requestsPerSecond, other.requestsPerSecond)] : [];
        });
        ratios.push({
          connections,
          endpoint,
          processes,
          baseline,
          ratio: ratio(mean(rs.map((r) => r.requestsPerSecond)), mean(base.map((r) => r.requestsPerSecond))),
          perRound,
        });
      }
    }
  }
  return { levels, ratios };
}

export interface ScalingResult {
  machine: MachineFacts;
  head: HeadCommit;
  postgresVersion: string;
  settings: { durationSeconds: number; rounds: number; serviceLogLevel: string; processes: number[]; rateLimits: string };
  runs: ScalingRun[];
}

const total = (cpu: CpuSplit) => cpu.apiProcesses + cpu.postgres + cpu.loadGenerator;

export function scalingReport(result: ScalingResult): { markdown: string; summary: ReturnType<typeof scalingSummary> } {
  const summary = scalingSummary(result.runs);
  const cores = result.machine.cores;
  const levels = markdownTable(
    [
      'connections',
      'endpoint',
      'API processes',
      'req/s',
      'p50 ms',
      'p99 ms',
      `CPU % of a core: API / PostgreSQL / load generator = total (of ${cores * 100})`,
      'failed',
    ],
    summary.levels.map((l) => [
      l.connections,
      ENDPOINT[l.endpoint],
      l.processes,
      Math.round(l.requestsPerSecond),
      fixed(l.p50, 1),
      fixed(l.p99, 1),
      `${Math.round(l.cpu.apiProcesses)} / ${Math.round(l.cpu.postgres)} / ${Math.round(l.cpu.loadGenerator)} = ${Math.round(total(l.cpu))}`,
      l.failed,
    ]),
  );
  const ratios = markdownTable(
    ['connections', 'endpoint', 'scaling ratio', 'mean', 'per round'],
    summary.ratios.map((r) => [
      r.connections,
      ENDPOINT[r.endpoint],
      `${r.processes} / ${r.baseline} process${r.baseline === 1 ? '' : 'es'}`,
      fixed(r.ratio, 2),
      r.perRound.map((x) => fixed(x, 2)).join(', '),
    ]),
  );
  const s = result.settings;
  const markdown = [
    `### bench:api --store postgres — ${s.processes.join(' and ')} API processes, ${s.durationSeconds} s per run, ${s.rounds} round(s), LOG_LEVEL ${s.serviceLogLevel}, rate limits counted ${s.rateLimits === 'memory' ? 'in each process (diagnostic)' : 'in PostgreSQL, shared'}`,
    `Machine: ${describeMachine(result.machine, { PostgreSQL: result.postgresVersion })}; head ${result.head.commit.slice(0, 7)}${result.head.dirty ? ' (uncommitted changes)' : ''}; not pinned (the processes share the ${cores} cores).`,
    '',
    levels,
    '',
    ratios,
  ].join('\n');
  return { markdown, summary };
}
