import { expect } from 'chai';
import { scalingReport, scalingSummary, type ScalingRun } from '../../../scripts/bench/api/api-scaling-report';

function run(round: number, processes: number, endpoint: 'post' | 'get', rps: number, failed = 0): ScalingRun {
  return {
    connections: 10,
    round,
    processes,
    endpoint,
    requestsPerSecond: rps,
    latencyMs: { p50: 4, p99: 10 * processes, max: 50 },
    requests: rps * 10,
    failed,
    cpu: { apiProcesses: 90 * processes, postgres: 60, loadGenerator: 30 },
  };
}

describe('scripts/bench/api-scaling-report', () => {
  const runs = [
    run(1, 1, 'post', 1000),
    run(1, 2, 'post', 1500),
    run(2, 2, 'post', 1700),
    run(2, 1, 'post', 1000),
    run(1, 1, 'get', 2000),
    run(1, 2, 'get', 2000, 3),
  ];

  it('when 2 processes make 1,600/s (mean) against 1,000/s, then the ratio is 1.6 with 1.5 and 1.7 per round', () => {
    const { ratios } = scalingSummary(runs);
    const post = ratios.find((r) => r.endpoint === 'post');
    expect(post).to.deep.include({ connections: 10, processes: 2, baseline: 1, ratio: 1.6 });
    expect(post?.perRound).to.deep.equal([1.5, 1.7]);
    expect(ratios.find((r) => r.endpoint === 'get')?.ratio).to.equal(1);
  });

  it('when levels are summed up, then throughput and CPU are the means of the rounds and failures add up', () => {
    const { levels } = scalingSummary(runs);
    const two = levels.find((l) => l.endpoint === 'post' && l.processes === 2);
    expect(two).to.deep.include({ requestsPerSecond: 1600, p99: 20, failed: 0 });
    expect(two?.cpu).to.deep.equal({ apiProcesses: 180, postgres: 60, loadGenerator: 30 });
    expect(levels.find((l) => l.endpoint === 'get' && l.processes === 2)?.failed).to.equal(3);
  });

  it('when only one process count was measured, then there is no ratio rather than a ratio to itself', () => {
    expect(scalingSummary([run(1, 1, 'post', 1000)]).ratios).to.deep.equal([]);
  });

  it('when reported, then the table shows the CPU split out of the machine total and the ratio with its rounds', () => {
    const { markdown } = scalingReport({
      machine: {
        date: '2026-12-06T23:00:00.000Z',
        cores: 2,
        cpuModel: 'test',
        memoryGb: 8,
        os: 'Linux',
        node: 'v20',
        loadAverage1m: 0,
      },
      head: { commit: 'abcdef0123456789', dirty: false },
      postgresVersion: '15.14',
      settings: { durationSeconds: 10, rounds: 2, serviceLogLevel: 'warn', processes: [1, 2], rateLimits: 'store' },
      runs,
    });
    expect(markdown).to.include('head abcdef0');
    expect(markdown).to.include('PostgreSQL 15.14');
    expect(markdown).to.include('load generator = total (of 200)');
    expect(markdown).to.include('| 10 | POST /v1/orders | 2 | 1600 | 4 | 20 | 180 / 60 / 30 = 270 | 0 |');
    expect(markdown).to.include('| 10 | POST /v1/orders | 2 / 1 process | 1.6 | 1.5, 1.7 |');
  });
});
