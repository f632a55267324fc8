import { expect } from 'chai';
import { CLUSTER_APPS } from '../../../scripts/bench/calls/call-plan';
import {
  asteriskOfCall,
  callsPerNode,
  clusterNodeEnv,
  mergePromptTimes,
  missingApps,
  sumSamples,
} from '../../../scripts/bench/calls/cluster-plan';
import { loadConfig } from '../../../src/config/config';

const sample = (at: number, cpuMicros: number, activeCalls: number) => ({
  at,
  cpuMicros,
  rss: 100,
  heapUsed: 10,
  activeCalls,
  ari: { requests: 1, events: 2, eventBytes: 3 },
});

describe('bench:calls --cluster plan', () => {
  it('when calls are placed, then they alternate between the Asterisks, half on each', () => {
    const on = Array.from({ length: 10 }, (_, i) => asteriskOfCall(i, 2));
    expect(on.filter((a) => a === 0)).to.have.length(5);
    expect(on.slice(0, 4)).to.deep.equal([0, 1, 0, 1]);
  });

  it('when a node is configured, then it has its own app and id, every app and both Asterisks, and the config takes it', () => {
    const ariUrls = ['http://127.0.0.1:8088', 'http://127.0.0.1:8089'];
    const envs = [0, 1].map((i) => clusterNodeEnv(i, { ariUrls, databaseUrl: 'postgres://u:p@127.0.0.1:54339/ivrpay' }));
    expect(envs.map((e) => e.NODE_ID)).to.deep.equal(['bench-a', 'bench-b']);
    expect(envs.map((e) => e.BENCH_ARI_APP)).to.deep.equal(CLUSTER_APPS);
    const config = loadConfig({ ...envs[1], ARI_APP: envs[1].BENCH_ARI_APP, ARI_PASSWORD: 'bench-password' });
    expect(config.ari.servers).to.deep.equal(ariUrls);
    expect(config.ari.apps).to.deep.equal(CLUSTER_APPS);
    expect(config.ari.app).to.equal('ivrpay-bench-b');
    expect(config.node.id).to.equal('bench-b');
  });

  it('when an Asterisk lists some apps, then the ones it lacks are named', () => {
    expect(missingApps([{ name: 'ivrpay-bench-a' }, { name: 'other' }], CLUSTER_APPS)).to.deep.equal(['ivrpay-bench-b']);
    expect(
      missingApps(
        CLUSTER_APPS.map((name) => ({ name })),
        CLUSTER_APPS,
      ),
    ).to.deep.equal([]);
  });

  it('when the nodes are sampled, then CPU, memory, calls and ARI traffic add up at the latest time', () => {
    const total = sumSamples([sample(1_000, 500, 3), sample(1_010, 700, 4)]);
    expect(total).to.deep.equal({
      at: 1_010,
      cpuMicros: 1_200,
      rss: 200,
      heapUsed: 20,
      activeCalls: 7,
      ari: { requests: 2, events: 4, eventBytes: 6 },
    });
  });

  it('when a node does not count ARI traffic, then the sum has none rather than half of it', () => {
    const { ari: _ari, ...bare } = sample(0, 1, 0);
    expect(sumSamples([sample(0, 1, 0), bare])).not.to.have.property('ari');
  });

  it('when the nodes report their prompt times, then each took as many calls as it has call ids', () => {
    expect(callsPerNode([{ a: [1, 2], b: [3] }, { c: [4] }])).to.deep.equal([2, 1]);
  });

  it("when the nodes' prompt times are merged, then each call keeps all of its times", () => {
    expect(mergePromptTimes([{ a: [1, 2] }, { b: [3] }, { a: [4] }])).to.deep.equal({ a: [1, 2, 4], b: [3] });
  });
});
