import fs from 'node:fs';

/** The kernel's clock tick for /proc/<pid>/stat times: 100 on every Linux we run on (getconf CLK_TCK). */
const TICKS_PER_SECOND = 100;

/** CPU time (user + system) a process has used so far, in microseconds, from /proc/<pid>/stat. */
export function processCpuMicros(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name (field 2) may hold spaces; fields after its closing parenthesis are plain.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  return ((utime + stime) * 1_000_000) / TICKS_PER_SECOND;
}

/** Resident memory of a process in bytes, from /proc/<pid>/status (VmRSS). */
export function processRssBytes(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = /^VmRSS:\s+(\d+) kB/m.exec(status);
  return match ? Number(match[1]) * 1024 : NaN;
}

/** CPU use between two readings as % of one core. */
export function cpuPercent(fromMicros: number, toMicros: number, wallMs: number): number {
  return wallMs > 0 ? ((toMicros - fromMicros) / 1000 / wallMs) * 100 : NaN;
}
