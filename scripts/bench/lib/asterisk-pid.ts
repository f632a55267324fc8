import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/**
 * The sandbox Asterisk's process: its pid file (scripts/asterisk-sandbox), else the only `asterisk`
 * running. Several clones may each run one, so a guess among many is refused.
 */
export function findAsteriskPid(dataDir: string): number {
  const pidFile = path.join(dataDir, 'asterisk', 'run', 'sandbox.pid');
  if (fs.existsSync(pidFile)) {
    const pid = Number(fs.readFileSync(pidFile, 'utf8').trim());
    if (pid > 0 && fs.existsSync(`/proc/${pid}/stat`)) return pid;
  }
  let pids: number[] = [];
  try {
    pids = execFileSync('pidof', ['asterisk'], { encoding: 'utf8' }).trim().split(/\s+/).map(Number);
  } catch {
    // pidof exits 1 when there is none
  }
  if (pids.length === 1) return pids[0];
  throw new Error(
    pids.length === 0 ? 'no asterisk process found' : `several asterisk processes (${pids.join(', ')}) and no ${pidFile}`,
  );
}
