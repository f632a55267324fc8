import fs from 'node:fs';
import path from 'node:path';
import pino from 'pino';
import type { TestPki } from '../../src/crypto/test-pki';
import { startSandboxServer } from '../../sandbox-acquirer/sandbox-server/sandbox-server';
import { startAcquirerFaults } from './acquirer-faults';
import { collectHistory, type RunFiles } from './collect-history';
import { drawRunPlan, type RunPlan } from './fault-plan';
import type { Tally } from './fault-tally';
import { checkHistory } from './history-checker';
import { activityOf, NO_ACTIVITY, type Activity, type Verdict } from './history';
import { startMerchantEndpoint } from './merchant-endpoint';
import { startNotifyFaults } from './notify-faults';
import { createOrders, placeCalls } from './place-calls';
import { createRunService, type RunService } from './run-service';
import type { ServiceProcesses } from './service-process';
import type { ChaosTiming } from './service/chaos-service';
import { openWork, settle } from './settle';
import { runTimedFaults } from './timed-faults';

export interface RunContext {
  pki: TestPki;
  processes: ServiceProcesses;
  /** Each run gets a fresh folder under it (store, logs, the acquirer's ledger and traffic log). */
  baseDir: string;
  timing: ChaosTiming;
}

export interface RunResult {
  index: number;
  plan: RunPlan;
  faults: Tally;
  verdict: Verdict;
  /** The run itself broke (a harness fault, not the product's): it counts as a failure too. */
  error?: string;
  outcomes: string[];
  settled: boolean;
  /** Clock jumps of the settling, to make merchant notification retries due (not a fault: settle.ts). */
  settleJumps: number;
  activity: Activity;
  ms: number;
  dir: string;
}

/** The acquirer's notification schedule, UnionPay's 0, 1, 2, 4, 5 minutes scaled down like the service's waits. */
const NOTIFY_DELAYS_MS = [0, 150, 300, 600, 900];

/**
 * One seeded run (README, Reliability: chaos runs): a fresh store, the sandbox acquirer over HTTP behind the fault
 * layer, a merchant endpoint, the service in a child process, a few orders paid by the call script, the faults of
 * the plan, then settling and the history checker. The run's folder is removed unless something was found.
 */
export async function runOne(ctx: RunContext, seed: number, index: number): Promise<RunResult> {
  const started = Date.now();
  const plan = drawRunPlan(seed, index);
  const dir = path.join(ctx.baseDir, `run-${index}`);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const files: RunFiles = {
    dir,
    sqliteFile: path.join(dir, 'ivrpay.sqlite'),
    logFile: path.join(dir, 'service.log'),
    ledgerFile: path.join(dir, 'acquirer', 'ledger.json'),
  };
  const tally: Tally = new Map();
  let offsetMs = 0;
  const sandbox = await startSandboxServer({
    port: 0,
    pki: ctx.pki,
    slowAnswerMs: ctx.timing.acquirerTimeoutMs + 200,
    notifyDelaysMs: NOTIFY_DELAYS_MS,
    notifyTimeoutMs: 2_000,
    trafficLogFile: path.join(dir, 'acquirer', 'traffic.log'),
    ledgerFile: files.ledgerFile,
    now: () => new Date(Date.now() + offsetMs),
    log: pino({ level: 'silent' }),
  });
  const merchant = await startMerchantEndpoint(plan.merchant5xx, tally);
  const stops: Array<() => Promise<void>> = [() => sandbox.stop(), () => merchant.close()];
  const result: RunResult = {
    index,
    plan,
    faults: tally,
    verdict: { violations: [], flagged: 0 },
    outcomes: [],
    settled: false,
    settleJumps: 0,
    activity: { ...NO_ACTIVITY },
    ms: 0,
    dir,
  };
  let service: RunService | undefined;
  try {
    const notify = await startNotifyFaults({ service: () => service?.url(), faults: plan.notify, tally });
    stops.push(() => notify.close());
    const acquirer = await startAcquirerFaults({
      target: sandbox.url,
      faults: plan.acquirer,
      clientTimeoutMs: ctx.timing.acquirerTimeoutMs,
      tally,
      beforeConsumeAnswer: async (consume) => {
        if (plan.kill?.step === 'after-send' && plan.kill.consume === consume) await service?.kill();
      },
    });
    stops.push(() => acquirer.close());
    const runService = createRunService({
      processes: ctx.processes,
      start: {
        dataDir: dir,
        sqliteFile: files.sqliteFile,
        logFile: files.logFile,
        endpoints: acquirer.endpoints,
        notifyUrl: notify.url,
        pki: ctx.pki,
        timing: ctx.timing,
      },
      clockOffsetMs: () => offsetMs,
      ...(plan.kill ? { kill: plan.kill } : {}),
      tally,
    });
    service = runService;
    const jumpClock = async (byMs: number) => {
      offsetMs += byMs;
      // A service dying meanwhile reads the new offset when it starts again.
      if (runService.url()) await runService.command('clock', { offsetMs }).catch(() => undefined);
    };

    const { webhookSecret, apiKey } = await runService.command<{ webhookSecret: string; apiKey: string }>('merchant');
    const calls = { plan, index, service: runService, apiKey, notifyUrl: merchant.url, tally };
    const orders = await createOrders(calls);
    const timed = runTimedFaults({ plan, sqliteFile: files.sqliteFile, service: runService, tally, jumpClock });
    result.outcomes = await placeCalls(calls, orders);
    await timed;
    // Work can appear between the last quiet look and the stop (an order expiring on a jumped clock queues its
    // event): the store is looked at once stopped, and a service started again finishes it, as after a restart.
    for (let rounds = 1; ; rounds++) {
      const settled = await settle({
        sqliteFile: files.sqliteFile,
        service: runService,
        quietOutside: async () =>
          acquirer.idle() && notify.idle() && (await Promise.race([sandbox.notificationsIdle().then(() => true), idleSoon()])),
        jumpClock,
      });
      if (runService.crashes().length > 0) throw new Error(runService.crashes().join('; '));
      result.settled = settled.settled;
      result.settleJumps += settled.jumps;
      await runService.stop();
      if (!settled.settled || openWork(files.sqliteFile) === 0 || rounds >= 3) break;
    }
    const history = collectHistory(
      files,
      { consumesReceived: sandbox.stats().consumesByOrderId },
      { deliveries: merchant.deliveries, webhookSecret },
    );
    result.activity = activityOf(history);
    result.verdict = checkHistory(history);
  } catch (err) {
    result.error = err instanceof Error ? (err.stack ?? err.message) : String(err);
    await service?.discard();
  } finally {
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
  }
  result.ms = Date.now() - started;
  if (!result.error && result.verdict.violations.length === 0) fs.rmSync(dir, { recursive: true, force: true });
  return result;
}

/** A notifier busy a little longer is not idle yet: false after a tick. */
function idleSoon(): Promise<boolean> {
  return new Promise((resolve) => setTimeout(() => resolve(false), 5));
}
