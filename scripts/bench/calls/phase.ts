import os from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { errorMessage } from '../../../src/lib/error-message';
import { readAppQueues, type AppQueues } from '../lib/asterisk-queues';
import { processCpuMicros, processRssBytes } from '../lib/proc-cpu';
import type { Worker } from '../lib/worker-rpc';
import type { AriCounters } from './ari-cost';
import type { DriveMode, DrivenCall } from './bench-call';
import type { BenchDriver } from './bench-driver';
import { APP_CONTEXT, DIALPLAN_CONTEXT } from './call-plan';
import type { ServiceSample } from './service-worker';

/** One reading every second: the service (over IPC), Asterisk and the driver itself. */
export interface Reading {
  at: number;
  service: ServiceSample;
  /** --cluster: the sum over its Asterisks. */
  asteriskCpuMicros: number;
  asteriskRss: number;
  /** --cluster: the PostgreSQL server, its backends included (absent on SQLite). */
  postgresCpuMicros?: number;
  driverCpuMicros: number;
  /** Events waiting in each ARI app's queue inside Asterisk; absent when its CLI could not be reached. */
  appQueues?: AppQueues;
}

export interface PhaseRaw {
  mode: DriveMode;
  calls: DrivenCall[];
  readings: Reading[];
  /** App phase: order statuses afterwards, and when our app asked for each prompt (callId → wall ms). */
  statuses?: Record<string, number>;
  promptTimes?: Record<string, number[]>;
  /** App phase: the service's ARI counters as the phase started and once its calls had all ended. */
  ari?: { before?: AriCounters; after?: AriCounters };
  /** The service's memory, garbage collected, just before the phase. */
  idleMemory: ServiceSample;
  loadAverage: number;
}

export interface PhaseOptions {
  calls: number;
  rampMs: number;
  callTimeoutMs: number;
  asteriskPid: number;
  /** `asterisk -rx` of the Asterisk measured (lib/asterisk-queues.ts); absent: its queues are not sampled. */
  asteriskCli?: string[];
}

/** N calls started `rampMs / N` apart, all through the baseline dialplan or all through our app. */
export async function runPhase(
  mode: DriveMode,
  driver: BenchDriver,
  worker: Worker<unknown>,
  opts: PhaseOptions,
): Promise<PhaseRaw> {
  const orders = mode === 'app' ? await worker.call<{ id: string; payCode: string }[]>('orders', { count: opts.calls }) : [];
  const endpoint = (i: number) => (mode === 'app' ? `Local/${orders[i].payCode}@${APP_CONTEXT}` : `Local/s@${DIALPLAN_CONTEXT}`);
  const idleMemory = await worker.call<ServiceSample>('settledMemory');
  await worker.call('takePromptTimes'); // drop what an earlier phase left

  const readings: Reading[] = [];
  let lost: unknown;
  const read = async () => {
    const [service, appQueues] = await Promise.all([
      worker.call<ServiceSample>('sample'),
      opts.asteriskCli ? readAppQueues(opts.asteriskCli).catch(() => undefined) : undefined,
    ]);
    const driverCpu = process.cpuUsage();
    readings.push({
      at: Date.now(),
      service,
      asteriskCpuMicros: processCpuMicros(opts.asteriskPid),
      asteriskRss: processRssBytes(opts.asteriskPid),
      driverCpuMicros: driverCpu.user + driverCpu.system,
      appQueues,
    });
  };
  await read();
  const sampler = setInterval(() => void read().catch((err: unknown) => (lost ??= err)), 1_000);

  const calls = await startRamped(opts.calls, opts.rampMs, (i) => driver.call(endpoint(i), mode, opts.callTimeoutMs));
  clearInterval(sampler);
  await read().catch((err: unknown) => (lost ??= err));
  // The sandbox is shared: a test suite that restarts it (test/ari/stasis-app.e2e) spoils the run.
  if (lost)
    throw new Error(
      `Asterisk (pid ${opts.asteriskPid}) could not be measured any more, restarted by someone? Run again. (${errorMessage(lost)})`,
    );

  const loadAverage = os.loadavg()[0];
  if (mode === 'dialplan') return { mode, calls, readings, idleMemory, loadAverage };
  const settled = await callsEnded(() => worker.call<ServiceSample>('sample'));
  const statuses = await worker.call<Record<string, number>>('statuses', { ids: orders.map((o) => o.id) });
  const promptTimes = await worker.call<Record<string, number[]>>('takePromptTimes');
  const ari = { before: readings[0].service.ari, after: settled.ari };
  return { mode, calls, readings, idleMemory, loadAverage, statuses, promptTimes, ari };
}

/** Starts `count` calls spread evenly over `rampMs` (call i at i/count of it) and waits for every one to end. */
export async function startRamped<T>(count: number, rampMs: number, start: (i: number) => Promise<T>): Promise<T[]> {
  const started = Date.now();
  const running: Promise<T>[] = [];
  for (let i = 0; i < count; i++) {
    const due = started + (rampMs * i) / count;
    if (due > Date.now()) await sleep(due - Date.now());
    running.push(start(i));
  }
  return Promise.all(running);
}

/**
 * A reading once the service (one node or several, as `read` takes it) has ended every call: its last requests
 * (the hangup) and events (StasisEnd) may come after the cardholder's side has gone. At most 5 s.
 */
export async function callsEnded(read: () => Promise<ServiceSample>): Promise<ServiceSample> {
  const deadline = Date.now() + 5_000;
  for (;;) {
    const sample = await read();
    if (sample.activeCalls === 0 || Date.now() > deadline) return sample;
    await sleep(100);
  }
}
