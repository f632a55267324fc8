/**
 * npm run bench:calls -- [--calls 200] [--ramp <s>] [--runs 1] [--log-level warn] [--cpu-prof]
 *                         [--against <git-ref> [--allow-dirty]]
 *
 * N simulated cardholders at once, each on a Local channel driven by its own ARI app, each doing a
 * complete credit payment: first through the pure-dialplan baseline (context ivrpay-bench-dialplan),
 * then through the service (context ivrpay-bench-app, app ivrpay-bench, run in a worker process).
 * Prints markdown tables and writes bench/results/calls.json. Talks to 127.0.0.1 only, and stops by
 * itself (every call has a deadline). With --against, each run also puts the calls through the service
 * of another commit (checked out under data/, its own worker file), and a table gives current/previous.
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
import { runCalls, type CallsRuns } from './calls/run-calls';
import type { TreeName } from './calls/run-plan';
import { serviceStarter } from './calls/service-starter';
import { findAsteriskPid } from './lib/asterisk-pid';
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
  .option('--allow-dirty', 'with --against: measure this tree even with uncommitted changes');

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
  }>();
  if (opts.against && opts.only === 'dialplan')
    throw new UsageError('--against compares the app: --only dialplan leaves nothing to compare');
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
  let measured: CallsRuns;
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
      },
      nodeFlags: ['--expose-gc', ...(opts.cpuProf ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [])],
    });
    measured = await runCalls({
      driver,
      startService,
      phase: { calls: opts.calls, rampMs, callTimeoutMs: opts.callTimeout * 1000, asteriskPid },
      runs: opts.runs,
      only: opts.only,
      comparing: against !== undefined,
      log,
    });
  } finally {
    await acquirer.call('stop').catch(() => {});
    await driver.close();
    against?.remove();
  }
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
