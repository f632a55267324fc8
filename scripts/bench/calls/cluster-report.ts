import { describeMachine, type MachineFacts } from '../lib/machine-facts';
import { fixed, markdownTable } from '../lib/markdown-table';
import { ratio } from '../lib/ratio-table';
import type { PhaseFigures } from './phase-figures';

export interface ClusterResult {
  benchmark: 'calls-cluster';
  machine: MachineFacts;
  asterisk: { version: string };
  settings: Record<string, string | number>;
  /** One node on SQLite with one Asterisk: the app phase of plain bench:calls. */
  single: PhaseFigures;
  /** Two nodes on PostgreSQL with two Asterisks, the calls split between them. */
  cluster: PhaseFigures;
  /** The cluster's calls each node took, in the order of CLUSTER_APPS. */
  callsPerNode: number[];
}

export interface ClusterSummary {
  /** Every call of both setups completed and paid. */
  allCompleted: boolean;
  rows: { measure: string; single: number | undefined; cluster: number | undefined; ratio: number }[];
}

const paidOf = (p: PhaseFigures) => Math.min(p.completed, p.paid ?? 0);

function rows(single: PhaseFigures, cluster: PhaseFigures): ClusterSummary['rows'] {
  const total = (p: PhaseFigures) => p.cpu.servicePer100Calls + p.cpu.asteriskPer100Calls + (p.cpu.postgresPer100Calls ?? 0);
  const row = (measure: string, pick: (p: PhaseFigures) => number | undefined) => {
    const [s, c] = [pick(single), pick(cluster)];
    return { measure, single: s, cluster: c, ratio: s === undefined || c === undefined ? NaN : ratio(c, s) };
  };
  return [
    row('calls completed and paid', paidOf),
    row('key → next prompt p50, ms', (p) => p.latencyMs.p50),
    row('key → next prompt p99, ms', (p) => p.latencyMs.p99),
    row('ivrpay CPU, % of a core per 100 calls (all nodes)', (p) => p.cpu.servicePer100Calls),
    row('Asterisk CPU, % per 100 calls (all Asterisks)', (p) => p.cpu.asteriskPer100Calls),
    row('PostgreSQL CPU, % per 100 calls', (p) => p.cpu.postgresPer100Calls),
    row('all of it, % per 100 calls', total),
  ];
}

const shown = (x: number | undefined, digits: number) => (x === undefined || !Number.isFinite(x) ? '–' : fixed(x, digits));

/** The two setups side by side, cluster/single for each figure, and the caveat of one machine. */
export function clusterReport(result: ClusterResult): { markdown: string; summary: ClusterSummary } {
  const { single, cluster, machine } = result;
  const summary: ClusterSummary = {
    allCompleted: [single, cluster].every((p) => p.completed === p.calls && paidOf(p) === p.calls),
    rows: rows(single, cluster),
  };
  const started = (p: PhaseFigures) =>
    `${paidOf(p)} / ${p.calls}${p.maxConcurrent < p.calls ? ` (${p.maxConcurrent} at once)` : ''}`;
  const table = markdownTable(
    ['measure', '1 node, SQLite, 1 Asterisk', 'cluster: 2 nodes × 2 Asterisk, PostgreSQL', 'cluster / single'],
    summary.rows.map((r, i) =>
      i === 0
        ? ['calls completed and paid / started', started(single), started(cluster), shown(r.ratio, 2)]
        : [r.measure, shown(r.single, i < 3 ? 0 : 2), shown(r.cluster, i < 3 ? 0 : 2), shown(r.ratio, 2)],
    ),
  );
  const failures = [single, cluster]
    .map((p, i) => [i === 0 ? 'single' : 'cluster', Object.entries(p.failures)] as const)
    .filter(([, list]) => list.length > 0)
    .map(([name, list]) => `${name}: ${list.map(([k, n]) => `${k} ${n}`).join(', ')}`);
  return {
    summary,
    markdown: [
      `### bench:calls --cluster — ${single.calls} calls per setup, ramp ${result.settings.rampSeconds} s`,
      `Machine: ${describeMachine(machine, { Asterisk: result.asterisk.version })}.`,
      '',
      table,
      '',
      `Half the cardholders called each Asterisk; ivrpay-stasis handed the calls to the nodes: ${result.callsPerNode.join(' / ')}.`,
      '',
      `One machine of ${machine.cores} cores holds the whole cluster: its 2 nodes, 2 Asterisks and PostgreSQL share ` +
        'those cores (as the single node and its Asterisk do), so the cluster shows what spreading the calls costs, ' +
        'not what more machines would add. CPU per 100 calls is over the window where every call is in progress ' +
        '(sum over the processes of each kind); PostgreSQL counts its backends.',
      ...(failures.length
        ? ['', `Failures: ${failures.join('; ')}.`]
        : ['', 'Every call of both setups completed and was paid.']),
    ].join('\n'),
  };
}
