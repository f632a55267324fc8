import fs from 'node:fs';

/** The kernel's clock tick for /proc/<pid>/stat times (getconf CLK_TCK), as in proc-cpu.ts. */
const TICKS_PER_SECOND = 100;

export interface ProcStat {
  pid: number;
  ppid: number;
  /** utime + stime of the process itself, µs. */
  ownMicros: number;
  /** cutime + cstime: what its children that exited and were waited for used, µs. */
  reapedChildrenMicros: number;
}

/** One /proc/<pid>/stat line. The command name (field 2) may hold spaces; the fields after its ')' are plain. */
export function parseProcStat(text: string): ProcStat {
  const open = text.indexOf('(');
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  const micros = (ticks: string) => (Number(ticks) * 1_000_000) / TICKS_PER_SECOND;
  return {
    pid: Number(text.slice(0, open).trim()),
    ppid: Number(fields[1]),
    ownMicros: micros(fields[11]) + micros(fields[12]),
    reapedChildrenMicros: micros(fields[13]) + micros(fields[14]),
  };
}

/**
 * CPU used so far by `root` and every process under it (PostgreSQL's postmaster and its backends, which come and
 * go): the live ones' own time, plus the root's reaped children, so a backend that ended still counts.
 */
export function treeCpuMicros(root: number, stats: ProcStat[]): number {
  const children = new Map<number, ProcStat[]>();
  for (const s of stats) children.set(s.ppid, [...(children.get(s.ppid) ?? []), s]);
  const top = stats.find((s) => s.pid === root);
  if (!top) return NaN;
  let total = top.reapedChildrenMicros;
  const todo = [top];
  for (let s = todo.pop(); s; s = todo.pop()) {
    total += s.ownMicros;
    todo.push(...(children.get(s.pid) ?? []));
  }
  return total;
}

/** treeCpuMicros over the processes running now. */
export function processTreeCpuMicros(root: number): number {
  const stats: ProcStat[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      stats.push(parseProcStat(fs.readFileSync(`/proc/${entry}/stat`, 'utf8')));
    } catch {
      // It exited between the listing and the read: its time is in its parent's reaped children now.
    }
  }
  return treeCpuMicros(root, stats);
}
