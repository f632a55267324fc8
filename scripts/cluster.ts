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
import { clusterPlan } from './cluster/cluster-plan';
import { ClusterError, connectedApps, say, startAll, teardown } from './cluster/cluster-parts';
import { alive, portFree, runs } from './cluster/cluster-processes';
import { clusterReport } from './cluster/cluster-report';
import { readState, writeState, type ClusterState } from './cluster/cluster-state';

const SUPERVISOR = 'scripts/cluster.ts';
const projectRoot = path.resolve(__dirname, '..');

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
  const appsOn = await connectedApps(plan, ari, 10_000);
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
