import { expect } from 'chai';
import type { DrivenCall } from '../../../scripts/bench/calls/bench-call';
import type { PhaseRaw, Reading } from '../../../scripts/bench/calls/phase';
import { phaseFigures } from '../../../scripts/bench/calls/phase-figures';

const sample = (at: number, requests: number) => ({
  at,
  cpuMicros: at * 10,
  rss: 100 * 2 ** 20,
  heapUsed: 50 * 2 ** 20,
  activeCalls: 0,
  ari: { requests, events: requests * 4, eventBytes: requests * 4_000 },
});
const reading = (at: number, requests: number): Reading => ({
  at,
  service: sample(at, requests),
  asteriskCpuMicros: at * 100,
  asteriskRss: 0,
  driverCpuMicros: 0,
});
const call = (over: Partial<DrivenCall>): DrivenCall => ({
  peerId: 'p',
  fieldsAsked: ['card'],
  prompts: ['enter-card', 'payment-success'],
  timings: [{ field: 'card', keyAt: 1_000, promptAt: 1_005 }],
  startedAt: 0,
  answeredAt: 10,
  endedAt: 2_000,
  ...over,
});
const busy = call({ fieldsAsked: [], prompts: ['lines-busy'], timings: [], failure: 'wrong fields asked' });

describe('bench:calls phase figures, app phase', () => {
  it('when calls are refused, then they are apart from the failures, and the ARI traffic is per call placed', () => {
    const raw: PhaseRaw = {
      mode: 'app',
      calls: [call({}), call({}), call({ failure: 'timeout' }), busy],
      readings: [reading(0, 10), reading(3_000, 50)],
      statuses: { paid: 2, pending: 2 },
      promptTimes: {},
      ari: { before: sample(0, 10).ari, after: sample(3_500, 90).ari },
      idleMemory: sample(0, 0),
      loadAverage: 1,
    };
    const figures = phaseFigures(raw);
    expect(figures.admission).to.deep.equal({ admitted: 3, paid: 2, failed: 1, refused: 1 });
    expect(figures.completed).to.equal(2);
    expect(figures.failures).to.deep.equal({ timeout: 1 });
    expect(figures.ariPerCall).to.deep.equal({ requestsPerCall: 20, eventsPerCall: 80, eventBytesPerCall: 80_000 });
  });

  it('when PostgreSQL is read too (--cluster), then its CPU per 100 calls is over the same window; without it, none', () => {
    const calls = [call({}), call({})];
    const base = { mode: 'app' as const, calls, statuses: { paid: 2 }, idleMemory: sample(0, 0), loadAverage: 1 };
    const withPostgres = phaseFigures({
      ...base,
      readings: [0, 1_000, 2_000].map((at) => ({ ...reading(at, 0), postgresCpuMicros: at * 20 })),
    });
    // 2 % of a core with 1.99 calls at once on average (answered at 10 ms, ended at 2 s, over the 2 s phase).
    expect(withPostgres.cpu.postgresPer100Calls).to.be.closeTo(2 * (100 / 1.99), 0.01);
    const without = phaseFigures({ ...base, readings: [reading(0, 0), reading(2_000, 0)] });
    expect(without.cpu).not.to.have.property('postgresPer100Calls');
  });
});
