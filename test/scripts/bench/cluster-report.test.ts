import { expect } from 'chai';
import { clusterReport, type ClusterResult } from '../../../scripts/bench/calls/cluster-report';
import type { PhaseFigures } from '../../../scripts/bench/calls/phase-figures';
import { summarize } from '../../../scripts/bench/lib/percentiles';

const machine = {
  date: '2026-12-06T23:30:00.000Z',
  cores: 2,
  cpuModel: 'Intel Xeon',
  memoryGb: 8,
  os: 'Linux 6.8',
  node: 'v20.20.2',
  loadAverage1m: 0.4,
};

function figures(over: {
  calls?: number;
  completed?: number;
  paid?: number;
  latency: number[];
  cpu: { service: number; asterisk: number; postgres?: number };
  failures?: Record<string, number>;
}): PhaseFigures {
  const calls = over.calls ?? 100;
  const summary = summarize(over.latency);
  return {
    mode: 'app',
    calls,
    completed: over.completed ?? calls,
    paid: over.paid ?? calls,
    failures: over.failures ?? {},
    maxConcurrent: calls,
    window: { seconds: 30, steady: true, avgConcurrent: calls },
    callSeconds: summary,
    latencyMs: summary,
    latencyByField: {},
    cpu: {
      asterisk: 0,
      service: 0,
      driver: 0,
      servicePer100Calls: over.cpu.service,
      asteriskPer100Calls: over.cpu.asterisk,
      ...(over.cpu.postgres === undefined ? {} : { postgresPer100Calls: over.cpu.postgres }),
    },
    memoryMb: { serviceRss: 0, serviceRssPer100Calls: 0, idleRss: 0, idleHeap: 0, asteriskRss: 0 },
    ariQueueMax: {},
    loadAverage: 1,
  };
}

const result = (single: PhaseFigures, cluster: PhaseFigures): ClusterResult => ({
  benchmark: 'calls-cluster',
  machine,
  asterisk: { version: '22.5.2' },
  settings: { calls: 100, rampSeconds: 4 },
  single,
  cluster,
  callsPerNode: [53, 47],
});

describe('bench:calls --cluster report', () => {
  const single = figures({ latency: [2, 3, 8], cpu: { service: 4, asterisk: 10 } });
  const cluster = figures({ latency: [3, 4, 12], cpu: { service: 6, asterisk: 11, postgres: 3 } });

  it('when both setups are measured, then each figure has cluster/single, and PostgreSQL only the cluster', () => {
    const { summary } = clusterReport(result(single, cluster));
    const row = (measure: string) => summary.rows.find((r) => r.measure.startsWith(measure));
    expect(row('key → next prompt p99')).to.deep.include({ single: 8, cluster: 12, ratio: 1.5 });
    expect(row('ivrpay CPU')).to.deep.include({ single: 4, cluster: 6, ratio: 1.5 });
    expect(row('PostgreSQL')?.single).to.equal(undefined);
    expect(Number.isNaN(row('PostgreSQL')?.ratio)).to.equal(true);
    expect(row('all of it')).to.deep.include({ single: 14, cluster: 20 });
    expect(summary.allCompleted).to.equal(true);
  });

  it('when the report is printed, then it shows calls paid of started and says the cluster shares the cores', () => {
    const { markdown } = clusterReport(result(single, cluster));
    expect(markdown).to.include('| calls completed and paid / started | 100 / 100 | 100 / 100 | 1 |');
    expect(markdown).to.include('| PostgreSQL CPU, % per 100 calls | – | 3 | – |');
    expect(markdown).to.include('One machine of 2 cores holds the whole cluster');
    expect(markdown).to.include('handed the calls to the nodes: 53 / 47.');
    expect(markdown).to.include('Every call of both setups completed');
  });

  it('when a cluster call fails, then not all completed, and the failure is named', () => {
    const failing = figures({
      completed: 99,
      paid: 99,
      latency: [3],
      cpu: { service: 6, asterisk: 11, postgres: 3 },
      failures: { timeout: 1 },
    });
    const { markdown, summary } = clusterReport(result(single, failing));
    expect(summary.allCompleted).to.equal(false);
    expect(markdown).to.include('99 / 100');
    expect(markdown).to.include('Failures: cluster: timeout 1.');
  });
});
