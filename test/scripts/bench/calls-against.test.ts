import { expect } from 'chai';
import { callsAgainst } from '../../../scripts/bench/calls/calls-against';
import type { CallsResult } from '../../../scripts/bench/calls/calls-report';
import type { PhaseFigures } from '../../../scripts/bench/calls/phase-figures';

const MB = 2 ** 20;

function appRun(run: number, f: { completed: number; paid: number; p99: number; cpu: number; rss: number; settledRss: number }) {
  const phase = {
    mode: 'app',
    calls: 20,
    completed: f.completed,
    paid: f.paid,
    latencyMs: { p50: f.p99 / 2, p95: f.p99 - 1, p99: f.p99 },
    cpu: { servicePer100Calls: f.cpu },
    memoryMb: { serviceRss: f.rss },
    otherChannelsAtStart: 0,
  } as unknown as PhaseFigures & { otherChannelsAtStart: number };
  const dialplan = { ...phase, mode: 'dialplan' } as typeof phase;
  return { run, phases: [dialplan, phase], settledAfter: { rss: f.settledRss * MB } } as CallsResult['runs'][number];
}

describe('scripts/bench/calls/calls-against', () => {
  const names = { current: 'current abc1234', previous: 'previous b482a1a' };

  it('when both trees ran two runs, then completion, latency, CPU and RSS come as current/previous with a ratio per run', () => {
    const current = {
      runs: [
        appRun(1, { completed: 20, paid: 20, p99: 40, cpu: 2, rss: 110, settledRss: 100 }),
        appRun(2, { completed: 19, paid: 19, p99: 60, cpu: 2, rss: 110, settledRss: 100 }),
      ],
      latencySamples: [10, 20, 30, 40],
    };
    const previous = {
      runs: [
        appRun(1, { completed: 20, paid: 20, p99: 50, cpu: 4, rss: 100, settledRss: 100 }),
        appRun(2, { completed: 20, paid: 20, p99: 50, cpu: 2, rss: 100, settledRss: 100 }),
      ],
      latencySamples: [10, 20, 30, 50],
    };
    const { comparison, markdown } = callsAgainst(current, previous, names);
    const row = (measure: string) => comparison.find((c) => c.measure === measure);
    expect(row('calls completed, %')).to.include({ current: 97.5, previous: 100, ratio: 0.975 });
    expect(row('calls completed, %')?.perRound).to.deep.equal([1, 0.95]);
    expect(row('key→next prompt p99, ms')).to.include({ current: 40, previous: 50, ratio: 0.8, better: 'lower' });
    expect(row('key→next prompt p99, ms')?.perRound).to.deep.equal([0.8, 1.2]);
    expect(row('app CPU, % of a core per 100 calls')).to.include({ current: 2, previous: 3 });
    expect(row('app CPU, % of a core per 100 calls')?.perRound).to.deep.equal([0.5, 1]);
    expect(row('app RSS during the calls, MB')).to.include({ current: 110, previous: 100, ratio: 1.1 });
    expect(row('app RSS after the phase and GC, MB')).to.include({ ratio: 1 });
    expect(markdown).to.contain('| app CPU, % of a core per 100 calls | 2 | 3 | 0.67 | 33 % better | 0.50, 1.00 |');
    expect(markdown).to.contain('| ratio per run |');
  });
});
