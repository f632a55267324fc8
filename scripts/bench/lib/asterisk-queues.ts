import { execFile } from 'node:child_process';
import fs from 'node:fs';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Events waiting in each ARI application's queue at one moment, by application name. */
export type AppQueues = Record<string, number>;

/**
 * The `asterisk -rx` command line that reaches a running Asterisk: its own binary and `-C` file, inside its chroot
 * when it runs in one (the sandbox, scripts/asterisk-sandbox). Undefined when /proc does not say (another user's).
 */
export function asteriskCliArgv(pid: number): string[] | undefined {
  try {
    const argv = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
    const root = fs.readlinkSync(`/proc/${pid}/root`);
    const c = argv.indexOf('-C');
    const cli = [argv[0], ...(c >= 0 ? ['-C', argv[c + 1]] : []), '-rx'];
    return root === '/' ? cli : ['chroot', root, ...cli];
  } catch {
    return undefined;
  }
}

// e.g. `stasis/m:ari:application/ivrpay-bench-0000004a   1234   17   40 …`: name, processed, in queue, max depth.
const APP_LINE = /^stasis\/m:ari:application\/(.+)-[0-9a-f]+\s+\d+\s+(\d+)\s/;

/**
 * Asterisk hands each ARI application's events to one task processor of its own, which serialises them and writes
 * them to the app's WebSocket one at a time: its "In Queue" column is how far event delivery to that app lags.
 */
export function parseAppQueues(coreShowTaskprocessors: string): AppQueues {
  const queues: AppQueues = {};
  for (const line of coreShowTaskprocessors.split('\n')) {
    const m = APP_LINE.exec(line.trim());
    if (m) queues[m[1]] = Math.max(queues[m[1]] ?? 0, Number(m[2]));
  }
  return queues;
}

export async function readAppQueues(cliArgv: string[]): Promise<AppQueues> {
  const [file, ...args] = cliArgv;
  const { stdout } = await run(file, [...args, 'core show taskprocessors'], { timeout: 2_000 });
  return parseAppQueues(stdout);
}

/** The largest backlog seen in each app's queue over a phase's readings. */
export function maxAppQueues(readings: (AppQueues | undefined)[]): AppQueues {
  const max: AppQueues = {};
  for (const r of readings) for (const [app, n] of Object.entries(r ?? {})) max[app] = Math.max(max[app] ?? 0, n);
  return max;
}
