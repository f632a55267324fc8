import { expect } from 'chai';
import { apiReport, type ApiResult, type ServerKind } from '../../../scripts/bench/api/api-report';

const machine = {
  date: '2026-11-27T00:00:00.000Z',
  cores: 2,
  cpuModel: 'test',
  memoryGb: 24,
  os: 'Linux',
  node: 'v20',
  loadAverage: 0,
} as unknown as ApiResult['machine'];

function run(endpoint: 'post' | 'get', server: ServerKind, rps: number, p99: number, non2xx = 0): ApiResult['runs'][number] {
  return {
    round: 1,
    endpoint,
    server,
    requestsPerSecond: rps,
    latencyMs: { p50: 1, p99, max: p99 },
    requests: rps * 10,
    errors: 0,
    non2xx,
    bytesPerResponse: 500,
    serverCpuPercent: 99,
  };
}

describe('scripts/bench/api-report', () => {
  const settings = {
    durationSeconds: 10,
    connections: 10,
    rounds: 1,
    serviceLogLevel: 'warn',
    pinning: 'none',
    rateLimitPerMinute: 1,
  };

  it('when the API runs at 2,100/s against a bare 4,000/s, then the ratio is 53 % and both targets read met', () => {
    const runs = [
      run('post', 'bare', 4000, 10),
      run('post', 'api', 2100, 14),
      run('post', 'api-normal', 2200, 12),
      run('post', 'stub', 3000, 11),
    ];
    const { markdown, summary } = apiReport({ benchmark: 'api', machine, settings, runs });

    expect(markdown).to.include(
      '| POST /v1/orders | ivrpay API (synchronous=full, default) | 4000 | 2100 | 53 % | 10 | 14 | 4 |',
    );
    const targets = (summary as { targets: Array<{ target: string; met: boolean }> }).targets;
    expect(targets.every((t) => t.met)).to.equal(true);
  });

  it('when the API is slower than the targets or answered errors, then those targets read missed', () => {
    const runs = [
      run('post', 'bare', 4000, 10),
      run('post', 'api', 900, 30, 3),
      run('post', 'api-normal', 2500, 12),
      run('post', 'stub', 3000, 11),
    ];
    const { summary } = apiReport({ benchmark: 'api', machine, settings, runs });

    const met = Object.fromEntries(
      (summary as { targets: Array<{ target: string; met: boolean }> }).targets.map((t) => [t.target, t.met]),
    );
    expect(met).to.deep.equal({
      'ivrpay API (synchronous=full, default): ≥ 50 % of bare Express throughput': false,
      'ivrpay API (synchronous=normal): ≥ 50 % of bare Express throughput': true,
      'ivrpay API (synchronous=full, default): ≥ 2,000 authenticated order creations per second on SQLite': false,
      'ivrpay API (synchronous=normal): ≥ 2,000 authenticated order creations per second on SQLite': true,
      'every request answered 2xx': false,
    });
  });
});
