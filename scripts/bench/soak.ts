/**
 * npm run soak -- [--minutes 60] [--calls 100] [--ramp 60] [--call-timeout 240] [--log-level warn]
 *
 * The soak of issue 17 §4: `--calls` complete credit payments kept in progress through the sandbox
 * Asterisk (when one ends, the next starts) for `--minutes`, by the simulated cardholders and the
 * service worker of bench:calls. Each minute it reads the service's RSS, heap, open handles and
 * event-loop lag, and Asterisk's channels and RSS; at the end it gives each one's slope per hour and
 * whether it is flat. Prints a line a minute and markdown tables, writes bench/results/soak.json.
 * Talks to 127.0.0.1 only. A benchmark, not a test: nothing here runs in `npm test`.
 */
import path from 'node:path';
import pino from 'pino';
import { loadConfig } from '../../src/config/config';
import { loadOrCreateSandboxSecrets } from '../../src/config/sandbox-secrets';
import { ensureAsterisk } from '../../src/sandbox/ensure-asterisk';
import { connectBenchDriver } from './calls/bench-driver';
import { ensureBenchDialplan } from './calls/bench-dialplan';
import { serviceStarter, stopService } from './calls/service-starter';
import { findAsteriskPid } from './lib/asterisk-pid';
import { checkAsteriskSeesSounds } from './lib/asterisk-sounds';
import { machineFacts } from './lib/machine-facts';
import { writeResults } from './lib/results-file';
import { describeFailure } from './lib/usage-error';
import { forkWorker } from './lib/worker-rpc';
import { runSoak } from './soak/run-soak';
import { parseSoakOptions } from './soak/soak-options';
import { soakReport, type SoakResult } from './soak/soak-report';

function log(line: string): void {
  process.stderr.write(`soak: ${line}\n`);
}

async function main(): Promise<number> {
  const opts = parseSoakOptions(process.argv.slice(2));
  if (!opts) return 0;
  const config = loadConfig(process.env);
  const password = config.ari.password ?? loadOrCreateSandboxSecrets(config.dataDir).ariPassword;
  const ari = { url: config.ari.url, user: config.ari.user, password, requestTimeoutMs: config.ari.requestTimeoutMs };
  if (!/^http:\/\/(127\.0\.0\.1|localhost)[:/]/.test(ari.url))
    throw new Error(`soak only targets a local Asterisk (ARI_URL is ${ari.url})`);
  await ensureAsterisk(config, password, pino({ level: 'info' }));
  const asteriskPid = findAsteriskPid(config.dataDir);
  checkAsteriskSeesSounds(asteriskPid, config.soundsDir);
  const machine = machineFacts();

  const driver = await connectBenchDriver(ari);
  let run: Awaited<ReturnType<typeof runSoak>>;
  let asteriskVersion: string;
  try {
    if ((await ensureBenchDialplan(driver.client(), config)) === 'reloaded')
      log('the running Asterisk lacked the benchmark contexts: its dialplan rendered again and reloaded');
    asteriskVersion = (await driver.client().asterisk.getInfo()).system?.version ?? 'unknown';
    const acquirer = await forkWorker<{ pid: number; env: Record<string, string> }>(
      path.join(__dirname, 'calls', 'acquirer-worker.ts'),
    );
    try {
      const startService = serviceStarter({
        files: { current: path.join(__dirname, 'calls', 'service-worker.ts') },
        env: {
          ...process.env,
          ...acquirer.ready.env,
          DATA_DIR: config.dataDir,
          SOUNDS_DIR: config.soundsDir,
          LOG_LEVEL: opts.logLevel,
          SANDBOX_ACQUIRER_PORT: '0',
        },
        // --expose-gc: each reading also gives the heap once collected, which a leak keeps and noise does not.
        nodeFlags: ['--expose-gc'],
      });
      const worker = await startService('current');
      log(`${opts.calls} calls kept in progress for ${opts.minutes} minutes (ramp ${opts.rampSeconds} s); a line a minute`);
      try {
        run = await runSoak({ opts, driver, worker, asteriskPid, ariTimeoutMs: ari.requestTimeoutMs, log });
      } finally {
        await stopService(worker);
      }
    } finally {
      await acquirer.call('stop').catch(() => {});
    }
  } finally {
    await driver.close();
  }

  const result: SoakResult = {
    benchmark: 'soak',
    machine,
    asterisk: { version: asteriskVersion, pid: asteriskPid },
    settings: {
      ...opts,
      acquirer: 'sandbox acquirer in its own process, reached over ACP (ACQUIRER=acp)',
      keys: 'DTMF 100 ms, 100 ms apart, after each prompt has finished (no barge-in)',
    },
    ...run,
  };
  const { markdown, trends } = soakReport(result);
  const file = writeResults('soak', { ...result, trends });
  process.stdout.write(`${markdown}\n\nResults: ${path.relative(process.cwd(), file)}\n`);
  return run.endedEarly ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    log(describeFailure(err));
    process.exit(1);
  },
);
