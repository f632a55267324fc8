import { expect } from 'chai';
import { asteriskCliArgv, maxAppQueues, parseAppQueues } from '../../../scripts/bench/lib/asterisk-queues';

// `core show taskprocessors` of Asterisk 22.10.1 during a bench:calls app phase (trimmed).
const SAMPLE = `
Processor                                                               Processed   In Queue  Max Depth  Low water High water Low time(us) High time(us)
stasis/m:ari:application/ivrpay-bench-caller-00000048                       4327          3         10        450        500          0       1798
stasis/m:ari:application/ivrpay-bench-0000004a                             20890        117        240        450        500          0       2211
stasis/m:devicestate:all-00000009                                            255         50          6        450        500          0         57
taskpool/s:stasis-00000000                                                     4          0          2        450        500          0         70

4 taskprocessors
`;

describe('bench asterisk-queues', () => {
  it("reads each ARI application's waiting events, by app name, and nothing else", () => {
    expect(parseAppQueues(SAMPLE)).to.deep.equal({ 'ivrpay-bench-caller': 3, 'ivrpay-bench': 117 });
  });

  it('finds no app in an Asterisk without ARI applications', () => {
    expect(parseAppQueues('Processor  Processed In Queue\n\n0 taskprocessors\n')).to.deep.equal({});
  });

  it('keeps the largest backlog of each app over the readings, a missing reading skipped', () => {
    expect(maxAppQueues([{ a: 1, b: 9 }, undefined, { a: 7 }, { a: 2, b: 0 }])).to.deep.equal({ a: 7, b: 9 });
  });

  it('builds the CLI command of this process when it is not Asterisk: its binary, no -C, no chroot', () => {
    const argv = asteriskCliArgv(process.pid) ?? [];
    expect(argv).to.have.length(2);
    expect(argv[0]).to.match(/node/);
    expect(argv[1]).to.equal('-rx');
  });

  it('gives up on a process that does not exist', () => {
    expect(asteriskCliArgv(2 ** 22 + 1)).to.equal(undefined);
  });
});
