import { expect } from 'chai';
import { parseProcStat, treeCpuMicros, type ProcStat } from '../../../scripts/bench/lib/process-tree-cpu';

/** A /proc/<pid>/stat line: fields 14-17 are utime, stime, cutime, cstime in ticks of 10 ms. */
function statLine(pid: number, name: string, ppid: number, [utime, stime, cutime, cstime]: number[]): string {
  const middle = Array.from({ length: 9 }, () => '0').join(' ');
  return `${pid} (${name}) S ${ppid} ${middle} ${utime} ${stime} ${cutime} ${cstime} 20 0 1 0 100 0 0\n`;
}

describe('scripts/bench/process-tree-cpu', () => {
  it('when a stat line has a name with spaces and parentheses, then pid, parent and times are read right', () => {
    const stat = parseProcStat(statLine(42, 'postgres: ivrpay (idle) x', 7, [150, 50, 30, 10]));
    expect(stat).to.deep.equal({ pid: 42, ppid: 7, ownMicros: 2_000_000, reapedChildrenMicros: 400_000 });
  });

  it('when the root has live children and grandchildren, then all their times and its reaped children count, strangers not', () => {
    const stats: ProcStat[] = [
      { pid: 10, ppid: 1, ownMicros: 100, reapedChildrenMicros: 5000 },
      { pid: 11, ppid: 10, ownMicros: 200, reapedChildrenMicros: 0 },
      { pid: 12, ppid: 11, ownMicros: 300, reapedChildrenMicros: 0 },
      { pid: 13, ppid: 1, ownMicros: 9999, reapedChildrenMicros: 9999 },
    ];
    expect(treeCpuMicros(10, stats)).to.equal(5600);
  });

  it('when the root is gone, then the figure is NaN, not zero', () => {
    expect(treeCpuMicros(10, [])).to.deep.equal(NaN);
  });
});
