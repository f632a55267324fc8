/**
 * The parts of `npm run cluster` (scripts/cluster.ts) started and stopped in order: the sandboxes (PostgreSQL beside
 * the two Asterisks, which mount into one chroot one after the other), the acquirer, then the nodes; stopped the
 * other way round. Every step is recorded in the state file as it happens, so a failure or a signal half-way stops
 * exactly what was started.
 */
import fs from 'node:fs';
import path from 'node:path';
import { shellAssignments } from '../shell-assignments';
import { CLUSTER_APPS, type AsteriskPart, type ClusterPlan } from './cluster-plan';
import { ariApps, runs, runSandboxScript, startTsChild, stopPid, waitForOk } from './cluster-processes';
import { nodeEnvFile } from './cluster-report';
import { removeState, writeState, type ClusterState } from './cluster-state';

const NODE_FILE = 'src/main.ts';
const ACQUIRER_FILE = 'scripts/sandbox-acquirer.ts';

/** A failure the user can act on: printed as it is, no stack. */
export class ClusterError extends Error {}

export const say = (text: string) => process.stderr.write(`cluster: ${text}\n`);
const indent = (text: string) => text.replace(/^/gm, '  | ');

/** The sandbox script a part is started and stopped with, and its settings. */
function sandboxOf(plan: ClusterPlan, label: string): { script: string; env: Record<string, string> } {
  const asterisk = plan.asterisks.find((a) => a.name === label);
  return asterisk ? { script: 'asterisk-sandbox', env: asterisk.env } : { script: 'postgres-sandbox', env: {} };
}

async function ensureSandbox(plan: ClusterPlan, state: ClusterState, label: string): Promise<void> {
  const { script, env } = sandboxOf(plan, label);
  if ((await runSandboxScript(script, 'status', env)).code === 0) {
    say(`${label} already runs: used, and left running at the end`);
    return;
  }
  say(`starting ${label}`);
  const started = await runSandboxScript(script, 'start', env);
  if (started.code !== 0) {
    throw new ClusterError(`${label} did not start (scripts/${script} start exited ${started.code}):\n${indent(started.output)}`);
  }
  state.started.push(label);
  writeState(plan.stateFile, state);
}

/** An Asterisk that was already running may have been rendered for other apps (npm start's `ivrpay`). */
function checkDialplanApps(asterisk: AsteriskPart): void {
  const file = path.join(asterisk.dataDir, 'asterisk', 'etc', 'extensions.conf');
  const apps = /^IVRPAY_APPS=(.*)$/m.exec(fs.readFileSync(file, 'utf8'))?.[1];
  if (apps !== CLUSTER_APPS.join('&')) {
    throw new ClusterError(
      `${asterisk.name} runs with IVRPAY_APPS=${apps ?? '?'}, not the cluster's ${CLUSTER_APPS.join('&')}: stop it ` +
        `(DATA_DIR=${asterisk.dataDir} npm run asterisk -- stop) and run npm run cluster again`,
    );
  }
}

function startChild(
  plan: ClusterPlan,
  state: ClusterState,
  name: string,
  file: string,
  env: Record<string, string>,
  log: string,
) {
  const pid = startTsChild(file, env, log);
  state.children[name] = { pid, file };
  writeState(plan.stateFile, state);
  return pid;
}

export async function startAll(plan: ClusterPlan, state: ClusterState, stopRequested: () => boolean): Promise<void> {
  const interrupted = () => {
    if (stopRequested()) throw new ClusterError('interrupted while starting');
  };
  const steps = await Promise.allSettled([
    ensureSandbox(plan, state, 'PostgreSQL'),
    // One after the other: both mount into the one chroot.
    plan.asterisks.reduce((done, a) => done.then(() => ensureSandbox(plan, state, a.name)), Promise.resolve()),
  ]);
  for (const step of steps) if (step.status === 'rejected') throw step.reason;
  plan.asterisks.forEach(checkDialplanApps);
  interrupted();
  say(`starting the sandbox acquirer (${plan.acquirer.url})`);
  const acquirer = startChild(plan, state, 'acquirer', ACQUIRER_FILE, plan.acquirer.env, plan.acquirer.logFile);
  await waitForOk(
    `${plan.acquirer.url}/sandbox/stats`,
    acquirer,
    'the sandbox acquirer',
    plan.acquirer.logFile,
    60_000,
    stopRequested,
  );
  interrupted();
  say(`starting ${plan.nodes.map((n) => `${n.id} (${n.apiBase})`).join(' and ')}`);
  const pids = plan.nodes.map((n) => {
    // Readable by the user only: DATABASE_URL and ARI_PASSWORD are in it.
    fs.writeFileSync(nodeEnvFile(plan, n.id), shellAssignments(n.env), { mode: 0o600 });
    return startChild(plan, state, n.id, NODE_FILE, n.env, n.logFile);
  });
  await Promise.all(plan.nodes.map((n, i) => waitForOk(`${n.apiBase}/readyz`, pids[i], n.id, n.logFile, 120_000, stopRequested)));
}

/** Stops what `state` records: the nodes, then the acquirer, then the sandboxes it started, last started first. */
export async function teardown(plan: ClusterPlan, state: ClusterState): Promise<void> {
  const children = Object.entries(state.children).filter(([, c]) => runs(c.pid, c.file));
  const stopChildren = async (which: typeof children) => {
    await Promise.all(
      which.map(async ([name, c]) => {
        say(`stopping ${name} (pid ${c.pid})`);
        await stopPid(c.pid, 30_000);
      }),
    );
  };
  await stopChildren(children.filter(([name]) => name !== 'acquirer'));
  await stopChildren(children.filter(([name]) => name === 'acquirer'));
  for (const label of [...state.started].reverse()) {
    const { script, env } = sandboxOf(plan, label);
    say(`stopping ${label}`);
    const stopped = await runSandboxScript(script, 'stop', env);
    if (stopped.code !== 0) say(`${label} did not stop cleanly:\n${indent(stopped.output)}`);
  }
  removeState(plan.stateFile);
}

/**
 * The nodes' apps connected to each Asterisk, by its name. A node is ready once one of its servers answers and
 * joins the others just after, so this waits up to `timeoutMs` for every app on every Asterisk, then says what is.
 */
export async function connectedApps(
  plan: ClusterPlan,
  ari: { user: string; password: string },
  timeoutMs: number,
): Promise<Record<string, string[]>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const appsOn: Record<string, string[]> = {};
    for (const a of plan.asterisks) {
      appsOn[a.name] = (await ariApps(a.ariUrl, ari.user, ari.password)).filter((app) => CLUSTER_APPS.includes(app));
    }
    const all = Object.values(appsOn).every((apps) => apps.length === CLUSTER_APPS.length);
    if (all || Date.now() > deadline) return appsOn;
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
}
