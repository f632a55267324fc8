import { expect } from 'chai';
import { apiAgainst } from '../../../scripts/bench/api/api-against';
import type { ApiResult, ServerKind } from '../../../scripts/bench/api/api-report';
import { roundOrder } from '../../../scripts/bench/api/api-servers';

function run(round: number, endpoint: 'post' | 'get', server: ServerKind, rps: number, p99: number): ApiResult['runs'][number] {
  return {
    round,
    endpoint,
    server,
    requestsPerSecond: rps,
    latencyMs: { p50: p99 / 4, p99, max: p99 },
    requests: rps * 10,
    errors: 0,
    non2xx: 0,
    bytesPerResponse: 500,
    serverCpuPercent: 99,
  };
}

const result = (runs: ApiResult['runs']): ApiResult => ({
  benchmark: 'api',
  machine: {} as ApiResult['machine'],
  settings: { connections: 10, rounds: 2, durationSeconds: 10 },
  runs,
});

describe('scripts/bench/api/api-against', () => {
  const names = { current: 'current abc1234', previous: 'previous b482a1a' };

  it('when both trees ran two rounds of POST, then the means, the ratio and each round’s ratio are reported', () => {
    const { comparison, markdown } = apiAgainst(
      result([
        run(1, 'post', 'api', 2200, 10),
        run(1, 'post', 'previous', 2000, 10),
        run(2, 'post', 'previous', 2000, 12),
        run(2, 'post', 'api', 1800, 12),
        run(1, 'post', 'bare', 5000, 4),
      ]),
      names,
    );
    expect(comparison.map((c) => c.measure)).to.deep.equal([
      'POST /v1/orders req/s',
      'POST /v1/orders p50 ms',
      'POST /v1/orders p99 ms',
    ]);
    expect(comparison[0]).to.include({ current: 2000, previous: 2000, ratio: 1, better: 'higher' });
    expect(comparison[0].perRound).to.deep.equal([1.1, 0.9]);
    expect(comparison[2]).to.include({ current: 11, previous: 11, better: 'lower' });
    expect(markdown).to.contain('current abc1234 vs previous b482a1a: 10 connections, synchronous=full, mean of 2 round(s)');
  });

  it('when the other tree was not measured, then there is nothing to compare', () => {
    expect(apiAgainst(result([run(1, 'get', 'api', 100, 1)]), names).comparison).to.deep.equal([]);
  });

  it('when rounds alternate, then the other tree goes first on even rounds and every other server keeps its place', () => {
    const servers: [ServerKind, number][] = [
      ['bare', 0],
      ['api', 1],
      ['previous', 2],
      ['api-normal', 3],
    ];
    expect(roundOrder(servers, 1).map(([k]) => k)).to.deep.equal(['bare', 'api', 'previous', 'api-normal']);
    expect(roundOrder(servers, 2).map(([k]) => k)).to.deep.equal(['bare', 'previous', 'api', 'api-normal']);
    expect(roundOrder([servers[0], servers[1]], 2).map(([k]) => k)).to.deep.equal(['bare', 'api']);
  });
});
