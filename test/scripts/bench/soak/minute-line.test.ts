import { expect } from 'chai';
import { minuteLine } from '../../../../scripts/bench/soak/minute-line';
import { soakSample } from './soak-sample';

describe('scripts/bench/soak/minute-line', () => {
  it("gives the minute's calls, the service's memory, handles and lag, and Asterisk's channels on one line", () => {
    expect(minuteLine(soakSample(3), 60)).to.equal(
      'min 3/60 | 100 in progress, 77 completed, 77 paid, 0 failed | service RSS 160.0 MB, heap 50.0 MB (35.0 MB after GC), ' +
        '120 handles, lag p99 3.0 ms max 20.0 ms | Asterisk 200 channels, RSS 85.0 MB',
    );
  });

  it('when someone else has channels on the Asterisk, or the lag is not watched yet, then the line says so', () => {
    const sample = soakSample(0);
    sample.asterisk.otherChannels = 2;
    sample.service.lagP99Ms = NaN;
    expect(minuteLine(sample, 60)).to.include('lag p99 – max').and.include('200 channels (2 not ours)');
  });
});
