import fs from 'node:fs';

/** The kernel's clock tick for /proc/<pid>/stat times: 100 on every Linux we run on (getconf CLK_TCK). */
const TICKS_PER_SECOND = 100;

export interface ProcStat {
  pid: number;
  ppid: number;
  /** Ticks the process itself used, user + system. */
  ownTicks: number;
  /** Ticks its children used that it has waited for (cutime + cstime): those that have ended. */
  reapedChildTicks: number;
}

/** One /proc/<pid>/stat line (proc(5)); the command name (field 2) may hold spaces and parentheses. */
export function parseProcStat(line: string): ProcStat {
  const pid = Number(line.slice(0, line.indexOf(' ')));
  const fields = line.slice(line.lastIndexOf(')') + 2).split(' ');
  // fields[0] is field 3 (state): ppid is field 4, utime..cstime fields 14–17.
  const [utime, stime, cutime, cstime] = fields.slice(11, 15).map(Number);
  return { pid, ppid: Number(fields[1]), ownTicks: utime + stime, reapedChildTicks: cutime + cstime };
}

/**
 * CPU time of a process and of every child it has had, in microseconds: its own, its live children's (a
 * PostgreSQL server's backends), and, through cutime/cstime, the ended ones it has reaped. A live child is
 * counted once, by itself; once reaped it moves into its parent's figure.
 */
export function treeCpuMicros(rootPid: number, stats: ProcStat[]): number {
  const root = stats.find((s) => s.pid === rootPid);
  if (!root) throw new Error(`process ${rootPid} is gone`);
  const children = stats.filter((s) => s.ppid === rootPid);
  const ticks = root.ownTicks + root.reapedChildTicks + children.reduce((sum, c) => sum + c.ownTicks, 0);
  return (ticks * 1_000_000) / TICKS_PER_SECOND;
}

/** Every process's stat now (those that end while read are skipped). */
export function readProcStats(): ProcStat[] {
  const stats: ProcStat[] = [];
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      stats.push(parseProcStat(fs.readFileSync(`/proc/${name}/stat`, 'utf8')));
    } catch {
      // ended between readdir and read
    }
  }
  return stats;
}

/** CPU a process and its children have used so far, in microseconds (see treeCpuMicros). */
export function processTreeCpuMicros(rootPid: number): number {
  return treeCpuMicros(rootPid, readProcStats());
}
