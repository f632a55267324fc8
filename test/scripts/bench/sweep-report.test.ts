import { expect } from 'chai';
import { kneesOf } from '../../../scripts/bench/calls/knee';
import type { SweepLevel } from '../../../scripts/bench/calls/sweep-level';
import { sweepReport, type SweepResult } from '../../../scripts/bench/calls/sweep-report';

const machine = {
  date: '2026-12-08T09:30:00.000Z',
  cores: 2,
  cpuModel: 'AMD EPYC',
  memoryGb: 24,
  os: 'Linux 6.8',
  node: 'v20.20.2',
  loadAverage1m: 0.4,
};
const cost = (requestsPerCall: number) => ({ requestsPerCall, eventsPerCall: 75.25, eventBytesPerCall: 61_440 });
const levels: SweepLevel[] = [
  {
    level: 300,
    dialplan: { calls: 300, completed: 300, p99Ms: 2, ariQueueMax: { 'ivrpay-bench-caller': 4 } },
    app: {
      calls: 300,
      admitted: 300,
      paid: 300,
      failed: 0,
      refused: 0,
      p99Ms: 9,
      keyToAppP99Ms: 6,
      appToPromptP99Ms: 3,
      ariPerCall: cost(21),
      ariQueueMax: { 'ivrpay-bench-caller': 6, 'ivrpay-bench': 31 },
    },
  },
  {
    level: 450,
    dialplan: { calls: 450, completed: 450, p99Ms: 40 },
    app: {
      calls: 450,
      admitted: 300,
      paid: 299,
      failed: 1,
      refused: 150,
      p99Ms: 88,
      keyToAppP99Ms: 50,
      appToPromptP99Ms: 41,
      ariPerCall: cost(15.5),
    },
  },
  { level: 600, dialplan: { calls: 600, completed: 250, p99Ms: 4_052 } },
];
const result: SweepResult = {
  benchmark: 'calls-sweep',
  machine,
  asterisk: { version: '22.10.1', pid: 42 },
  settings: { levels: [300, 450, 600], ramp: 'calls / 25 s', lines: 300 },
  levels,
  knees: kneesOf(levels),
  stoppedEarly: 'the dialplan baseline completed 250 of 600 calls',
};

describe('bench:calls sweep report', () => {
  it('when levels, knees and an early stop are given, then it prints them as tables and lines', () => {
    expect(sweepReport(result).split('\n')).to.deep.equal([
      '### bench:calls --sweep 300,450,600, ramp calls / 25 s, TRUNK_LINES 300',
      'Machine: 2026-12-08 09:30 UTC; 2 cores (AMD EPYC), 24 GB, Linux 6.8, Node v20.20.2, Asterisk 22.10.1; load 0.4 at start.',
      '',
      '| calls | dialplan completed % | dialplan p99 ms | app paid % of admitted | app p99 ms | key → app asks p99 ms | ask → Asterisk starts p99 ms | admitted | admitted, paid | admitted, failed | refused |',
      '|---:|---:|---:|---|---|---|---|---|---|---|---|',
      '| 300 | 100 | 2 | 100 | 9 | 6 | 3 | 300 | 300 | 0 | 0 |',
      '| 450 | 100 | 40 | 99.7 | 88 | 50 | 41 | 300 | 299 | 1 | 150 |',
      '| 600 | 41.7 | 4052 | not run | not run | not run | not run | not run | not run | not run | not run |',
      '',
      "ivrpay's ARI traffic per call placed (refused calls included):",
      '',
      '| calls | ARI requests / call | ARI events / call | event KB / call |',
      '|---:|---|---|---|',
      '| 300 | 21 | 75.3 | 60 |',
      '| 450 | 15.5 | 75.3 | 60 |',
      '| 600 | not run | not run | not run |',
      '',
      "Most events waiting in an ARI app's queue inside Asterisk (its task processor, sampled each second; – not sampled):",
      '',
      '| calls | dialplan phase: cardholders’ app | app phase: cardholders’ app | app phase: ivrpay’s app |',
      '|---:|---|---|---|',
      '| 300 | 4 | 6 | 31 |',
      '| 450 | – | – | – |',
      '| 600 | – | not run | not run |',
      '',
      'Knees:',
      '- dialplan baseline: **450** calls; every call completed, and p99 key → next prompt ≤ 100 ms, at that level and every one below.',
      "- ivrpay (66.7 % of the baseline's): **300** calls; every admitted call paid (refused calls apart), and p99 key → next prompt ≤ 100 ms, at that level and every one below.",
      '- ivrpay with no call refused: **300** calls; every call placed admitted and paid, and p99 key → next prompt ≤ 100 ms, at that level and every one below.',
      '',
      'Stopped early: the dialplan baseline completed 250 of 600 calls.',
    ]);
  });

  it('when the lowest level does not hold, then the knee says it lies below it', () => {
    const slow = { ...result, levels: [levels[2]], knees: kneesOf([levels[2]]), stoppedEarly: undefined };
    expect(sweepReport(slow)).to.include('- dialplan baseline: below 600 calls (the lowest level does not hold)');
  });
});
