/**
 * npm run bench:calls -- [--calls 200] [--ramp <s>] [--runs 1] [--log-level warn] [--cpu-prof]
 *
 * N simulated cardholders at once, each on a Local channel driven by its own ARI app, each doing a
 * complete credit payment: first through the pure-dialplan baseline (context ivrpay-bench-dialplan),
 * then through the service (context ivrpay-bench-app, app ivrpay-bench, run in a worker process).
 * Prints markdown tables and writes bench/results/calls.json. Talks to 127.0.0.1 only, and stops by
 * itself (every call has a deadline).
 */
import fs from 'node:fs';
import path from 'node:path';
import { Command } from 'commander';
import pino from 'pino';
import { loadConfig } from '../../src/config/config';
import { loadOrCreateSandboxSecrets } from '../../src/config/sandbox-secrets';
import { ensureAsterisk } from '../../src/sandbox/ensure-asterisk';
import { connectBenchDriver } from './calls/bench-driver';
import { ensureBenchDialplan } from './calls/bench-dialplan';
import { callsReport, type CallsResult } from './calls/calls-report';
import { phaseFigures } from './calls/phase-figures';
import { runPhase, type PhaseRaw } from './calls/phase';
import type { ServiceSample } from './calls/service-worker';
import { findAsteriskPid } from './lib/asterisk-pid';
import { machineFacts } from './lib/machine-facts';
import { writeResults } from './lib/results-file';
import { forkWorker } from './lib/worker-rpc';

const program = new Command()
  .name('bench:calls')
  .option('--calls <n>', 'concurrent calls per phase', (v) => Number.parseInt(v, 10), 200)
  .option('--ramp <seconds>', 'spread the call starts over this long (default: calls / 25)', Number)
  .option('--runs <n>', 'consecutive runs (3 shows whether memory grows)', (v) => Number.parseInt(v, 10), 1)
  .option('--log-level <level>', "the service's LOG_LEVEL", 'warn')
  .option('--only <mode>', 'app or dialplan: one phase only (profiling)')
  .option('--cpu-prof', 'write a V8 CPU profile of the service to bench/results/profiles/')
  .option('--call-timeout <seconds>', 'a call still going after this long fails', Number, 240);

function log(line: string): void {
  process.stderr.write(`bench:calls: ${line}\n`);
}

async function main(): Promise<void> {
  const opts = program.parse().opts<{
    calls: number;
    ramp?: number;
    runs: number;
    logLevel: string;
    only?: string;
    cpuProf?: boolean;
    callTimeout: number;
  }>();
  const rampMs = (opts.ramp ?? opts.calls / 25) * 1000;
  const config = loadConfig(process.env);
  const password = config.ari.password ?? loadOrCreateSandboxSecrets(config.dataDir).ariPassword;
  const ari = { url: config.ari.url, user: config.ari.user, password, requestTimeoutMs: config.ari.requestTimeoutMs };
  if (!/^http:\/\/(127\.0\.0\.1|localhost)[:/]/.test(ari.url))
    throw new Error(`bench:calls only targets a local Asterisk (ARI_URL is ${ari.url})`);
  await ensureAsterisk(config, password, pino({ level: 'info' }));
  const asteriskPid = findAsteriskPid(config.dataDir);
  const machine = machineFacts();

  const driver = await connectBenchDriver(ari);
  const dialplan = await ensureBenchDialplan(driver.client(), config);
  if (dialplan === 'reloaded')
    log('the running Asterisk lacked the benchmark contexts: extensions.conf rendered again and the dialplan reloaded');
  const asteriskVersion = (await driver.client().asterisk.getInfo()).system?.version ?? 'unknown';
  const profileDir = path.resolve(__dirname, '..', '..', 'bench', 'results', 'profiles');
  if (opts.cpuProf) fs.mkdirSync(profileDir, { recursive: true });
  const acquirer = await forkWorker<{ pid: number; env: Record<string, string> }>(
    path.join(__dirname, 'calls', 'acquirer-worker.ts'),
  );
  const worker = await forkWorker<{ pid: number }>(path.join(__dirname, 'calls', 'service-worker.ts'), {
    env: { ...process.env, ...acquirer.ready.env, LOG_LEVEL: opts.logLevel, SANDBOX_ACQUIRER_PORT: '0' },
    nodeFlags: ['--expose-gc', ...(opts.cpuProf ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [])],
  });

  const phaseOpts = { calls: opts.calls, rampMs, callTimeoutMs: opts.callTimeout * 1000, asteriskPid };
  const runs: CallsResult['runs'] = [];
  const raws: PhaseRaw[] = [];
  try {
    for (let run = 1; run <= opts.runs; run++) {
      const phases: CallsResult['runs'][number]['phases'] = [];
      for (const mode of ['dialplan', 'app'] as const) {
        if (opts.only && opts.only !== mode) continue;
        const others = (await driver.client().channels.list()).filter((c) => !c.id.startsWith('bench-')).length;
        log(
          `run ${run}/${opts.runs}, ${mode}: ${opts.calls} calls over ${rampMs / 1000} s${others ? ` (${others} other channels on this Asterisk)` : ''}`,
        );
        const raw = await runPhase(mode, driver, worker, phaseOpts);
        raws.push(raw);
        const figures = phaseFigures(raw);
        phases.push({ ...figures, otherChannelsAtStart: others });
        log(
          `  ${figures.completed}/${figures.calls} completed${figures.paid === undefined ? '' : `, ${figures.paid} paid`}, key→prompt p99 ${figures.latencyMs.p99} ms`,
        );
      }
      runs.push({ run, phases, settledAfter: await worker.call<ServiceSample>('settledMemory') });
    }
  } finally {
    await worker.call('stop').catch(() => {});
    await worker.exited;
    await acquirer.call('stop').catch(() => {});
    driver.close();
  }

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
    },
    runs,
    latencySamples: {
      dialplan: raws
        .filter((r) => r.mode === 'dialplan')
        .flatMap((r) => r.calls.flatMap((c) => c.timings.map((t) => t.promptAt - t.keyAt))),
      app: raws
        .filter((r) => r.mode === 'app')
        .flatMap((r) => r.calls.flatMap((c) => c.timings.map((t) => t.promptAt - t.keyAt))),
    },
  };
  const { markdown, summary } = callsReport(result);
  const file = writeResults('calls', { ...result, summary, latencySamples: undefined });
  process.stdout.write(
    `${markdown}\n\nResults: ${path.relative(process.cwd(), file)}${opts.cpuProf ? `; CPU profile in ${path.relative(process.cwd(), profileDir)}` : ''}\n`,
  );
}

main().catch((err: unknown) => {
  log(err instanceof Error ? (err.stack ?? err.message) : String(err));
  process.exit(1);
});
