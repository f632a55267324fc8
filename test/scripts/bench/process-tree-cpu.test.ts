import { expect } from 'chai';
import { parseProcStat, treeCpuMicros } from '../../../scripts/bench/lib/process-tree-cpu';

/** A /proc/<pid>/stat line with these fields (proc(5)); the rest zeros. */
const statLine = (pid: number, name: string, ppid: number, [utime, stime, cutime, cstime]: number[]) =>
  `${pid} (${name}) S ${ppid} ${pid} ${pid} 0 -1 4194560 100 0 0 0 ${utime} ${stime} ${cutime} ${cstime} 20 0 1 0 100 0 0`;

describe('bench process tree CPU', () => {
  it('when a stat line names its command with spaces and parentheses, then the fields after it are read', () => {
    expect(parseProcStat(statLine(42, 'postgres: ivrpay (idle)', 7, [10, 5, 3, 2]))).to.deep.equal({
      pid: 42,
      ppid: 7,
      ownTicks: 15,
      reapedChildTicks: 5,
    });
  });

  it('when a server has live and ended children, then each is counted once: live ones by themselves, ended ones in its figure', () => {
    const stats = [
      statLine(7, 'postgres', 1, [100, 50, 30, 20]),
      statLine(8, 'postgres: checkpointer', 7, [4, 1, 0, 0]),
      statLine(9, 'postgres: ivrpay ivrpay 127.0.0.1(5000) idle', 7, [40, 10, 0, 0]),
      statLine(10, 'other', 1, [999, 999, 0, 0]),
      statLine(11, 'grandchild', 9, [999, 0, 0, 0]),
    ].map(parseProcStat);
    // (150 own + 50 reaped + 5 + 50 children) ticks of 10 ms
    expect(treeCpuMicros(7, stats)).to.equal(255 * 10_000);
  });

  it('when the server is gone, then the reading fails rather than reading zero', () => {
    expect(() => treeCpuMicros(7, [])).to.throw('process 7 is gone');
  });
});
