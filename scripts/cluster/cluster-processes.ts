/**
 * The processes of `npm run cluster`: the sandbox scripts, the app nodes and the acquirer as children writing to a
 * log file, and waiting for and stopping them. Every child runs in its own process group, so a Ctrl-C in the
 * terminal reaches scripts/cluster.ts alone, which stops them in order.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

const projectRoot = path.resolve(__dirname, '..', '..');

export interface Outcome {
  code: number;
  output: string;
}

/** Runs scripts/<script> <command> with `env` over this process's environment; its output is returned, not shown. */
export function runSandboxScript(script: string, command: string, env: Record<string, string>): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', [path.join(projectRoot, 'scripts', script), command], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code: code ?? 1, output: output.trim() }));
  });
}

/** `node --import tsx <file>` from the project folder, its output appended to `logFile`. One process: its pid is the program's. */
export function startTsChild(file: string, env: Record<string, string>, logFile: string): number {
  const log = fs.openSync(logFile, 'a');
  fs.writeSync(log, `\n=== ${new Date().toISOString()} npm run cluster starts ${file}\n`);
  const child = spawn(process.execPath, ['--import', 'tsx', file], {
    cwd: projectRoot,
    env: { ...process.env, ...env },
    stdio: ['ignore', log, log],
    detached: true,
  });
  fs.closeSync(log);
  child.unref();
  if (child.pid === undefined) throw new Error(`could not start ${file}`);
  return child.pid;
}

/** Whether `pid` is alive and runs `file` (its command line names it): not a pid reused by another program since. */
export function runs(pid: number, file: string): boolean {
  try {
    const argv = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    return argv.some((arg) => arg === file || arg.endsWith(`/${file}`));
  } catch {
    return false;
  }
}

export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** SIGTERM, then SIGKILL when it has not ended within `graceMs`. */
export async function stopPid(pid: number, graceMs: number): Promise<void> {
  if (!alive(pid)) return;
  process.kill(pid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (alive(pid) && Date.now() < deadline) await sleep(100);
  if (alive(pid)) process.kill(pid, 'SIGKILL');
  while (alive(pid)) await sleep(50);
}

/** Waits until GET `url` answers 200; fails when `pid` ends first, after `timeoutMs` or when stopped, naming `what`. */
export async function waitForOk(
  url: string,
  pid: number,
  what: string,
  logFile: string,
  timeoutMs: number,
  stopped: () => boolean,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await fetch(url, { signal: AbortSignal.timeout(2000) }).catch(() => undefined);
    if (res?.ok) return;
    if (stopped()) throw new Error(`interrupted while waiting for ${what}`);
    if (!alive(pid)) throw new Error(`${what} ended before it answered ${url}; last lines of ${logFile}:\n${tail(logFile)}`);
    if (Date.now() > deadline) {
      throw new Error(`${what} did not answer ${url} within ${timeoutMs / 1000} s; last lines of ${logFile}:\n${tail(logFile)}`);
    }
    await sleep(300);
  }
}

export function tail(file: string, lines = 15): string {
  const text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
  return text
    .trimEnd()
    .split('\n')
    .slice(-lines)
    .map((line) => `  | ${line}`)
    .join('\n');
}

/** Whether nothing listens on 127.0.0.1:`port` (a listen there succeeds). */
export function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** The Stasis apps connected to the Asterisk at `url` (GET /ari/applications); empty when it does not answer. */
export async function ariApps(url: string, user: string, password: string): Promise<string[]> {
  const res = await fetch(`${url}/ari/applications`, {
    headers: { authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}` },
    signal: AbortSignal.timeout(3000),
  }).catch(() => undefined);
  if (!res?.ok) return [];
  return ((await res.json()) as { name: string }[]).map((app) => app.name);
}
