import { expect } from 'chai';
import { machineFacts } from '../../../../scripts/bench/lib/machine-facts';
import { soakReport, type SoakResult } from '../../../../scripts/bench/soak/soak-report';
import { soakSample } from './soak-sample';

function result(change: Partial<SoakResult> = {}): SoakResult {
  return {
    benchmark: 'soak',
    machine: machineFacts(),
    asterisk: { version: '22.5.0', pid: 1234 },
    settings: { minutes: 5, calls: 100, rampSeconds: 60, callTimeoutSeconds: 240, logLevel: 'warn' },
    before: { ...soakSample(0, { handles: 40 }), inFlight: 0 },
    minutes: [1, 2, 3, 4, 5].map((m) => soakSample(m, { heapAfterGcMb: 30 + m })),
    after: { ...soakSample(5.2, { handles: 41 }), inFlight: 0 },
    calls: { started: 450, completed: 347, paid: 347, failed: 3, cut: 100, failures: { timeout: 3 } },
    ...change,
  };
}

describe('scripts/bench/soak/soak-report', () => {
  it('gives a row per metric with its verdict, says the first minute is left out, and counts the calls', () => {
    const { markdown, trends } = soakReport(result());
    expect(markdown).to.include('## Soak: 100 payment calls kept in progress for 5 minutes');
    expect(markdown).to.match(/\| service heap after GC \(MB\) \| 32 \| 35 \| 32 \| 35 \| 60 \| 0 \| 1\.7 \| growing \|/);
    expect(markdown).to.include('minutes 2–5');
    expect(markdown).to.include('minute 1 (the ramp, and warm-up) is left out');
    expect(markdown).to.match(/\| 450 \| 347 \| 347 \| 3 \| 100 \| 77–77 \|/);
    expect(markdown).to.include('Failures: timeout 3.');
    expect(markdown).to.match(/\| service open handles \| 40 \| 41 \|/);
    expect(trends).to.have.length(9);
  });

  it('when the run ended early, then the title says after how many minutes and why', () => {
    const { markdown } = soakReport(
      result({ minutes: [1, 2, 3].map((m) => soakSample(m)), after: undefined, endedEarly: 'Asterisk restarted' }),
    );
    expect(markdown).to.include('for 3 minutes (of 5: Asterisk restarted)');
    expect(markdown).not.to.include('before the calls');
  });
});
