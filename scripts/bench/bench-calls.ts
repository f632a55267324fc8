/**
 * npm run bench:calls -- [--calls 200] [--ramp <s>] [--runs 1] [--log-level warn] [--cpu-prof] [--lines <n>]
 *                         [--against <git-ref> [--allow-dirty]]
 * npm run bench:calls -- --sweep 100,200,300 [--ramp <s>] [--lines <n>]
 * npm run bench:calls -- --cluster [--calls 100] [--ramp <s>]
 *
 * N simulated cardholders at once, each on a Local channel driven by its own ARI app, each doing a
 * complete credit payment: first through the pure-dialplan baseline (context ivrpay-bench-dialplan),
 * then through the service (context ivrpay-bench-app, app ivrpay-bench, run in a worker process).
 * Prints markdown tables and writes bench/results/calls.json. Talks to 127.0.0.1 only, and stops by
 * itself (every call has a deadline). With --against, each run also puts the calls through the service
 * of another commit (checked out under data/, its own worker file), and a table gives current/previous.
 * With --sweep, both phases at each level of concurrent calls in turn, a fresh service per level, then
 * the knee of each and the service's ARI traffic per call (bench/results/calls-sweep.json; docs/performance.md).
 * With --cluster, the app phase on one node (SQLite, this sandbox Asterisk), then the same calls on a cluster of two
 * nodes on a fresh PostgreSQL with a second sandbox Asterisk, half the cardholders on each Asterisk, side by side
 * (bench/results/calls-cluster.json; docs/performance.md, "Issue 12: calls on the cluster").
 */
import fs from 'node:fs';
import path from 'node:path';
import { Command } from 'commander';
import pino from 'pino';
import { loadConfig } from '../../src/config/config';
import { loadOrCreateSandboxSecrets } from '../../src/config/sandbox-secrets';
import { ensureAsterisk } from '../../src/sandbox/ensure-asterisk';
import type { DriveMode } from './calls/bench-call';
import { connectBenchDriver } from './calls/bench-driver';
import { ensureBenchDialplan } from './calls/bench-dialplan';
import { callsAgainst } from './calls/calls-against';
import { callsReport, type CallsResult } from './calls/calls-report';
import { clusterReport, type ClusterResult } from './calls/cluster-report';
import { runCluster } from './calls/cluster-run';
import { phaseFigures, type PhaseFigures } from './calls/phase-figures';
import { runCalls, type CallsRuns } from './calls/run-calls';
import { runSweep, type SweepRun } from './calls/run-sweep';
import { parseLines, parseSweepLevels } from './calls/sweep-options';
import { kneesOf } from './calls/knee';
import { sweepReport, type SweepResult } from './calls/sweep-report';
import type { TreeName } from './calls/run-plan';
import { serviceStarter } from './calls/service-starter';
import { findAsteriskPid } from './lib/asterisk-pid';
import { asteriskCliArgv } from './lib/asterisk-queues';
import { checkAsteriskSeesSounds } from './lib/asterisk-sounds';
import { machineFacts } from './lib/machine-facts';
import { describeTrees, openRefTree, parseRef, treeNames } from './lib/ref-tree';
import { writeResults } from './lib/results-file';
import { describeFailure, UsageError } from './lib/usage-error';
import { forkWorker } from './lib/worker-rpc';

const program = new Command()
  .name('bench:calls')
  .option('--calls <n>', 'concurrent calls per phase', (v) => Number.parseInt(v, 10), 200)
  .option('--ramp <seconds>', 'spread the call starts over this long (default: calls / 25)', Number)
  .option('--runs <n>', 'consecutive runs (3 shows whether memory grows)', (v) => Number.parseInt(v, 10), 1)
  .option('--log-level <level>', "the service's LOG_LEVEL", 'warn')
  .option('--only <mode>', 'app or dialplan: one phase only (profiling)')
  .option('--cpu-prof', 'write a V8 CPU profile of the service to bench/results/profiles/')
  .option('--call-timeout <seconds>', 'a call still going after this long fails', Number, 240)
  .option('--against <git-ref>', "also put each run's calls through that commit's service, and give current/previous", parseRef)
  .option('--allow-dirty', 'with --against: measure this tree even with uncommitted changes')
  .option('--sweep <levels>', 'dialplan and app at each of these levels of concurrent calls, e.g. 100,200,300', parseSweepLevels)
  .option('--lines <n>', "the service's TRUNK_LINES: calls beyond it hear 'lines busy' (default: 10000, every call)", parseLines)
  .option('--cluster', 'the app on one node (SQLite), then on 2 nodes × 2 Asterisks on a fresh PostgreSQL, compared');

function log(line: string): void {
  process.stderr.write(`bench:calls: ${line}\n`);
}

async function main(): Promise<void> {
  const opts = program.parse().opts<{
    calls: number;
    ramp?: number;
    runs: number;
    logLevel: string;
    only?: DriveMode;
    cpuProf?: boolean;
    callTimeout: number;
    against?: string;
    allowDirty?: boolean;
    sweep?: number[];
    lines?: number;
    cluster?: boolean;
  }>();
  if (opts.against && opts.only === 'dialplan')
    throw new UsageError('--against compares the app: --only dialplan leaves nothing to compare');
  if (opts.sweep) {
    const clash = (['calls', 'runs', 'only', 'against'] as const).filter((o) => program.getOptionValueSource(o) === 'cli');
    if (clash.length)
      throw new UsageError(`--sweep sets the calls and runs both phases once per level: drop --${clash.join(', --')}`);
  }
  if (opts.cluster) {
    const clash = (['runs', 'only', 'against', 'sweep', 'cpuProf', 'lines'] as const).filter(
      (o) => program.getOptionValueSource(o) === 'cli',
    );
    if (clash.length) throw new UsageError(`--cluster runs one app phase per setup: drop --${clash.join(', --')}`);
  }
  const against = opts.against ? openRefTree({ ref: opts.against, allowDirty: opts.allowDirty }) : undefined;
  if (against) log(`against ${against.ref} (${against.commit.slice(0, 7)}), checked out in ${against.dir}`);
  const rampMs = (opts.ramp ?? opts.calls / 25) * 1000;
  const config = loadConfig(process.env);
  const password = config.ari.password ?? loadOrCreateSandboxSecrets(config.dataDir).ariPassword;
  const ari = { url: config.ari.url, user: config.ari.user, password, requestTimeoutMs: config.ari.requestTimeoutMs };
  if (!/^http:\/\/(127\.0\.0\.1|localhost)[:/]/.test(ari.url))
    throw new Error(`bench:calls only targets a local Asterisk (ARI_URL is ${ari.url})`);
  await ensureAsterisk(config, password, pino({ level: 'info' }));
  const asteriskPid = findAsteriskPid(config.dataDir);
  checkAsteriskSeesSounds(asteriskPid, config.soundsDir);
  const machine = machineFacts();

  const driver = await connectBenchDriver(ari);
  const dialplan = await ensureBenchDialplan(driver.client(), config);
  if (dialplan === 'reloaded')
    log('the running Asterisk lacked the benchmark contexts: its dialplan rendered again and reloaded');
  const asteriskVersion = (await driver.client().asterisk.getInfo()).system?.version ?? 'unknown';
  const profileDir = path.resolve(__dirname, '..', '..', 'bench', 'results', 'profiles');
  if (opts.cpuProf) fs.mkdirSync(profileDir, { recursive: true });
  let measured: CallsRuns | undefined;
  let swept: SweepRun | undefined;
  let clustered: { single: PhaseFigures; cluster: PhaseFigures; callsPerNode: number[] } | undefined;
  const acquirer = await forkWorker<{ pid: number; env: Record<string, string> }>(
    path.join(__dirname, 'calls', 'acquirer-worker.ts'),
  );
  try {
    // One acquirer for both trees. DATA_DIR and SOUNDS_DIR are this tree's for both: the other tree's
    // would default to inside itself, where the sandbox Asterisk (chrooted, scripts/asterisk-sandbox)
    // cannot read its prompts.
    const startService = serviceStarter({
      files: {
        current: path.join(__dirname, 'calls', 'service-worker.ts'),
        previous: against?.file('scripts/bench/calls/service-worker.ts'),
      },
      env: {
        ...process.env,
        ...acquirer.ready.env,
        DATA_DIR: config.dataDir,
        SOUNDS_DIR: config.soundsDir,
        LOG_LEVEL: opts.logLevel,
        SANDBOX_ACQUIRER_PORT: '0',
        ...(opts.lines ? { TRUNK_LINES: String(opts.lines) } : {}),
      },
      nodeFlags: ['--expose-gc', ...(opts.cpuProf ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [])],
    });
    const phase = { callTimeoutMs: opts.callTimeout * 1000, asteriskPid, asteriskCli: asteriskCliArgv(asteriskPid) };
    if (opts.cluster) {
      const workerEnv = { ...process.env, ...acquirer.ready.env, DATA_DIR: config.dataDir, SOUNDS_DIR: config.soundsDir };
      const single = await runCalls({
        driver,
        // SQLite whatever DATABASE_URL the shell has: the single node is the one-machine setup.
        startService: serviceStarter({
          files: { current: path.join(__dirname, 'calls', 'service-worker.ts') },
          env: { ...workerEnv, LOG_LEVEL: opts.logLevel, SANDBOX_ACQUIRER_PORT: '0', DATABASE_URL: 'sqlite:' },
          nodeFlags: ['--expose-gc'],
        }),
        phase: { ...phase, calls: opts.calls, rampMs },
        runs: 1,
        only: 'app',
        comparing: false,
        log,
      });
      log(`cluster: ${opts.calls} calls, half on each Asterisk`);
      const clusterRaw = await runCluster({
        asteriskA: { url: ari.url, pid: asteriskPid, driver },
        ari,
        dataDir: config.dataDir,
        soundsDir: config.soundsDir,
        workerEnv: { ...workerEnv, LOG_LEVEL: opts.logLevel, SANDBOX_ACQUIRER_PORT: '0' },
        nodeFlags: ['--expose-gc'],
        phase: { calls: opts.calls, rampMs, callTimeoutMs: phase.callTimeoutMs },
        log,
      });
      const cluster = phaseFigures(clusterRaw);
      log(`  ${cluster.completed}/${cluster.calls} completed, ${cluster.paid} paid, key→prompt p99 ${cluster.latencyMs.p99} ms`);
      clustered = { single: single.runs[0].phases[0], cluster, callsPerNode: clusterRaw.callsPerNode };
    } else if (opts.sweep) {
      swept = await runSweep({
        driver,
        startService: () => startService('current'),
        levels: opts.sweep,
        rampMs: (calls) => (opts.ramp ?? calls / 25) * 1000,
        phase,
        log,
      });
    } else {
      measured = await runCalls({
        driver,
        startService,
        phase: { ...phase, calls: opts.calls, rampMs },
        runs: opts.runs,
        only: opts.only,
        comparing: against !== undefined,
        log,
      });
    }
  } finally {
    await acquirer.call('stop').catch(() => {});
    await driver.close();
    against?.remove();
  }
  if (clustered) {
    const result: ClusterResult = {
      benchmark: 'calls-cluster',
      machine,
      asterisk: { version: asteriskVersion },
      settings: {
        calls: opts.calls,
        rampSeconds: rampMs / 1000,
        serviceLogLevel: opts.logLevel,
        single: '1 node (SQLite), sandbox Asterisk A',
        cluster:
          '2 nodes (NODE_ID bench-a, bench-b; one process each) on a fresh PostgreSQL, Asterisks A and B, calls alternating between them, each handed to a node by ivrpay-stasis',
        acquirer: 'sandbox acquirer in its own process, reached over ACP (ACQUIRER=acp)',
        keys: 'DTMF 100 ms, 100 ms apart, after each prompt has finished (no barge-in)',
      },
      ...clustered,
    };
    const { markdown, summary } = clusterReport(result);
    const file = writeResults('calls-cluster', { ...result, summary });
    process.stdout.write(`${markdown}\n\nResults: ${path.relative(process.cwd(), file)}\n`);
    if (!summary.allCompleted) process.exitCode = 1;
    return;
  }
  if (swept) {
    const result: SweepResult = {
      benchmark: 'calls-sweep',
      machine,
      asterisk: { version: asteriskVersion, pid: asteriskPid },
      settings: {
        levels: opts.sweep ?? [],
        ramp: opts.ramp === undefined ? 'calls / 25 s' : `${opts.ramp} s`,
        lines: opts.lines,
        serviceLogLevel: opts.logLevel,
        service: 'a fresh service per level',
        acquirer: 'sandbox acquirer in its own process, reached over ACP (ACQUIRER=acp)',
        keys: 'DTMF 100 ms, 100 ms apart, after each prompt has finished (no barge-in)',
      },
      levels: swept.levels,
      knees: kneesOf(swept.levels),
      ...(swept.stoppedEarly ? { stoppedEarly: swept.stoppedEarly } : {}),
    };
    const file = writeResults('calls-sweep', { ...result, phases: swept.phases });
    process.stdout.write(`${sweepReport(result)}\n\nResults: ${path.relative(process.cwd(), file)}\n`);
    return;
  }
  if (!measured) throw new Error('no calls measured');
  const { runs, previousRuns, raws } = measured;
  const samples = (tree: TreeName, mode: DriveMode) =>
    raws
      .filter((r) => r.tree === tree && r.mode === mode)
      .flatMap((r) => r.calls.flatMap((c) => c.timings.map((t) => t.promptAt - t.keyAt)));

  const result: CallsResult = {
    benchmark: 'calls',
    machine,
    asterisk: { version: asteriskVersion, pid: asteriskPid },
    settings: {
      calls: opts.calls,
      rampSeconds: rampMs / 1000,
      runs: opts.runs,
      serviceLogLevel: opts.logLevel,
      acquirer: 'sandbox acquirer in its own process, reached over ACP (ACQUIRER=acp)',
      acquirerTimeoutMs: config.acquirer.timeoutMs,
      keys: 'DTMF 100 ms, 100 ms apart, after each prompt has finished (no barge-in)',
      ...(against ? { against: treeNames(against).previous, service: 'a fresh service per phase (--against)' } : {}),
    },
    runs,
    latencySamples: { dialplan: samples('current', 'dialplan'), app: samples('current', 'app') },
  };
  const { markdown, summary } = callsReport(result);
  const compared = against
    ? callsAgainst(
        { runs, latencySamples: result.latencySamples.app },
        { runs: previousRuns, latencySamples: samples('previous', 'app') },
        treeNames(against),
      )
    : undefined;
  const file = writeResults('calls', {
    ...result,
    summary,
    latencySamples: undefined,
    ...(against && compared
      ? { against: { ...describeTrees(against), runs: previousRuns, comparison: compared.comparison } }
      : {}),
  });
  process.stdout.write(
    `${[markdown, compared?.markdown].filter(Boolean).join('\n\n')}\n\nResults: ${path.relative(process.cwd(), file)}${opts.cpuProf ? `; CPU profile in ${path.relative(process.cwd(), profileDir)}` : ''}\n`,
  );
}

main().catch((err: unknown) => {
  log(describeFailure(err));
  process.exit(1);
});
