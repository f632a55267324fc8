/**
 * `npm run cluster`: a local cluster for developers and tests (issue 12 §5, README "A local cluster"): the PostgreSQL
 * sandbox, two sandbox Asterisks on the one chroot (A: the project's, ARI 8088, SIP 5060; B: data/cluster/asterisk-b,
 * ARI 8089, SIP 5070), one sandbox acquirer and two app nodes (node-a on :3000, node-b on :3001), logs in
 * data/cluster/. It prints how to call each, then runs until Ctrl-C (SIGINT, SIGTERM or SIGHUP), which stops the
 * nodes and the acquirer, then the Asterisks and PostgreSQL it started (those already running are left running).
 * `npm run cluster -- stop`: stops a cluster running in another terminal, or what one that crashed left behind.
 */
import fs from 'node:fs';
import path from 'node:path';
import { loadConfigOrExit } from '../src/config/load-config-or-exit';
import { postgresSandboxUrl } from '../src/config/postgres-sandbox';
import { loadOrCreateSandboxSecrets } from '../src/config/sandbox-secrets';
import { errorMessage } from '../src/lib/error-message';
import { CLUSTER_APPS, clusterPlan, type AsteriskPart, type ClusterPlan } from './cluster/cluster-plan';
import { alive, ariApps, portFree, runs, runSandboxScript, startTsChild, stopPid, waitForOk } from './cluster/cluster-processes';
import { clusterReport, nodeEnvFile } from './cluster/cluster-report';
import { readState, removeState, writeState, type ClusterState } from './cluster/cluster-state';
import { shellAssignments } from './shell-assignments';

const SUPERVISOR = 'scripts/cluster.ts';
const NODE_FILE = 'src/main.ts';
const ACQUIRER_FILE = 'scripts/sandbox-acquirer.ts';
const projectRoot = path.resolve(__dirname, '..');

/** A failure the user can act on: printed as it is, no stack. */
class ClusterError extends Error {}

const say = (text: string) => process.stderr.write(`cluster: ${text}\n`);
const indent = (text: string) => text.replace(/^/gm, '  | ');

function setup() {
  const config = loadConfigOrExit();
  const secrets = loadOrCreateSandboxSecrets(config.dataDir);
  const plan = clusterPlan({
    dataDir: config.dataDir,
    databaseUrl: postgresSandboxUrl(config.postgresSandbox.port, secrets.postgresPassword),
    ariPassword: config.ari.password ?? secrets.ariPassword,
  });
  return { plan, ari: { user: config.ari.user, password: config.ari.password ?? secrets.ariPassword } };
}

/** A signal asks the cluster to stop: while starting, after the step under way; once up, at once. */
function stopSignal(): { requested: () => boolean; received: Promise<string> } {
  let requested = false;
  const received = new Promise<string>((resolve) => {
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
      process.on(signal, () => {
        requested = true;
        resolve(signal);
      });
    }
  });
  return { requested: () => requested, received };
}

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

async function startAll(plan: ClusterPlan, state: ClusterState, stopRequested: () => boolean): Promise<void> {
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
async function teardown(plan: ClusterPlan, state: ClusterState): Promise<void> {
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

async function start(): Promise<void> {
  const began = performance.now();
  const { plan, ari } = setup();
  fs.mkdirSync(plan.dir, { recursive: true });
  const previous = readState(plan.stateFile);
  if (previous && runs(previous.supervisor, SUPERVISOR)) {
    throw new ClusterError(`a cluster already runs (pid ${previous.supervisor}): npm run cluster -- stop`);
  }
  if (previous) {
    say('stopping what an earlier cluster, which did not stop, left running');
    await teardown(plan, previous);
  }
  for (const { port, owner } of plan.ports) {
    if (!(await portFree(port))) {
      throw new ClusterError(`port ${port} (${owner}) is in use: is npm start, or another cluster, running? Stop it first`);
    }
  }
  const state: ClusterState = { supervisor: process.pid, children: {}, started: [] };
  writeState(plan.stateFile, state);
  const signal = stopSignal();
  try {
    await startAll(plan, state, signal.requested);
  } catch (err) {
    say(`${errorMessage(err)}\nstopping what was started`);
    await teardown(plan, state);
    throw new ClusterError('the cluster did not start');
  }
  const appsOn: Record<string, string[]> = {};
  for (const a of plan.asterisks) {
    appsOn[a.name] = (await ariApps(a.ariUrl, ari.user, ari.password)).filter((app) => CLUSTER_APPS.includes(app));
  }
  const pids = Object.fromEntries(Object.entries(state.children).map(([name, c]) => [name, c.pid]));
  const seconds = (performance.now() - began) / 1000;
  process.stdout.write(clusterReport(plan, { pids, appsOn, seconds, projectRoot }));
  // Keeps this process alive (the children are unref'd), and says when a child ends (a kill -9 of a node, say).
  const watch = setInterval(() => {
    for (const [name, c] of Object.entries(state.children)) {
      if (!alive(c.pid)) {
        const log = plan.nodes.find((n) => n.id === name)?.logFile ?? plan.acquirer.logFile;
        say(`${name} (pid ${c.pid}) has ended; its log: ${path.relative(projectRoot, log)}`);
        delete state.children[name];
      }
    }
  }, 1000);
  say(`stopping (${await signal.received})`);
  clearInterval(watch);
  await teardown(plan, state);
  say('stopped');
}

/** `stop`: asks the running cluster to stop (and waits), or stops what one that is gone left behind. */
async function stop(): Promise<void> {
  const { plan } = setup();
  const state = readState(plan.stateFile);
  if (!state) {
    say(`no cluster to stop (no ${path.relative(projectRoot, plan.stateFile)})`);
    return;
  }
  if (runs(state.supervisor, SUPERVISOR)) {
    say(`asking the cluster (pid ${state.supervisor}) to stop`);
    process.kill(state.supervisor, 'SIGTERM');
    while (alive(state.supervisor)) await new Promise((resolve) => setTimeout(resolve, 200));
  } else {
    await teardown(plan, state);
  }
  say('stopped');
}

const command = process.argv[2] ?? 'start';
if (command !== 'start' && command !== 'stop') {
  say('usage: npm run cluster [-- start|stop]');
  process.exit(2);
}
(command === 'stop' ? stop() : start()).then(
  () => process.exit(0),
  (err: unknown) => {
    say(err instanceof ClusterError ? err.message : `failed: ${errorMessage(err)}`);
    process.exit(1);
  },
);
