import { maxAppQueues, type AppQueues } from '../lib/asterisk-queues';
import { cpuPercent } from '../lib/proc-cpu';
import { summarize, type Summary } from '../lib/percentiles';
import { isRefusedCall, tallyAdmission, type AdmissionTally } from './admission-tally';
import { ariCostPerCall, type AriCost } from './ari-cost';
import type { DrivenCall } from './bench-call';
import type { PhaseRaw, Reading } from './phase';

export interface PhaseFigures {
  mode: PhaseRaw['mode'];
  calls: number;
  /** Calls that went through every step; refused calls are not counted (see `admission`). */
  completed: number;
  /** App phase: orders paid afterwards. */
  paid?: number;
  /** App phase: the calls turned away with "lines busy", apart from how the admitted calls ended. */
  admission?: AdmissionTally;
  /** App phase: the service's ARI requests and events per call placed. */
  ariPerCall?: AriCost;
  /** Failures of admitted calls, by kind. */
  failures: Record<string, number>;
  maxConcurrent: number;
  /** Where CPU and memory are measured: every call in progress (steady) or, failing that, the whole phase. */
  window: { seconds: number; steady: boolean; avgConcurrent: number };
  callSeconds: Summary;
  /** Field's last key → next prompt start, on Asterisk's clock. */
  latencyMs: Summary;
  latencyByField: Record<string, Summary>;
  /** App phase, split at the moment our app asked for the prompt ('prompt' hook, wall clock). */
  split?: { keyToAppMs: Summary; appToPromptMs: Summary };
  cpu: {
    asterisk: number;
    service: number;
    driver: number;
    servicePer100Calls: number;
    asteriskPer100Calls: number;
    /** --cluster: the PostgreSQL server's. */
    postgresPer100Calls?: number;
  };
  memoryMb: { serviceRss: number; serviceRssPer100Calls: number; idleRss: number; idleHeap: number; asteriskRss: number };
  /** The most events seen waiting in each ARI app's queue inside Asterisk, sampled each second over the phase. */
  ariQueueMax: AppQueues;
  /** The machine's 1-minute load average as the phase ended (ours included): a busy neighbour shows here. */
  loadAverage: number;
}

const MB = 2 ** 20;

function maxConcurrent(calls: DrivenCall[]): number {
  const edges = calls
    .flatMap((c) => [
      [c.answeredAt ?? c.startedAt, 1],
      [c.endedAt, -1],
    ])
    .sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let now = 0;
  let max = 0;
  for (const [, step] of edges) max = Math.max(max, (now += step));
  return max;
}

/** Every call answered … the first call over, less a second each side; the whole phase when that is too short. */
function measureWindow(calls: DrivenCall[], readings: Reading[]): { from: Reading; to: Reading; steady: boolean } {
  const answered = calls.map((c) => c.answeredAt).filter((t): t is number => t !== undefined);
  const allIn = Math.max(...answered) + 1_000;
  const firstOut = Math.min(...calls.map((c) => c.endedAt)) - 1_000;
  const inside = readings.filter((r) => r.at >= allIn && r.at <= firstOut);
  if (answered.length === calls.length && inside.length >= 2 && inside[inside.length - 1].at - inside[0].at >= 10_000) {
    return { from: inside[0], to: inside[inside.length - 1], steady: true };
  }
  return { from: readings[0], to: readings[readings.length - 1], steady: false };
}

function averageConcurrent(calls: DrivenCall[], from: number, to: number): number {
  const overlap = calls.reduce(
    (sum, c) => sum + Math.max(0, Math.min(to, c.endedAt) - Math.max(from, c.answeredAt ?? c.startedAt)),
    0,
  );
  return overlap / (to - from);
}

function split(raw: PhaseRaw): PhaseFigures['split'] {
  if (!raw.promptTimes) return undefined;
  const keyToApp: number[] = [];
  const appToPrompt: number[] = [];
  for (const call of raw.calls) {
    const asked = raw.promptTimes[call.peerId] ?? [];
    for (const t of call.timings) {
      // Asterisk stamps whole milliseconds (truncated), so the key may be up to 1 ms later than stamped.
      const at = asked.find((a) => a >= t.keyAt);
      if (at === undefined) continue;
      keyToApp.push(at - t.keyAt);
      appToPrompt.push(t.promptAt - at);
    }
  }
  return { keyToAppMs: summarize(keyToApp), appToPromptMs: summarize(appToPrompt) };
}

/** A call that went through every step but left its order unpaid is a failure too. */
function withUnpaid(failures: Record<string, number>, calls: DrivenCall[], statuses: Record<string, number> | undefined) {
  const unpaid = statuses ? calls.filter((c) => !c.failure).length - (statuses.paid ?? 0) : 0;
  return unpaid > 0 ? { ...failures, 'completed but not paid': unpaid } : failures;
}

export function phaseFigures(raw: PhaseRaw): PhaseFigures {
  const { calls, readings } = raw;
  // Only the app can refuse a call; the baseline has no "lines busy".
  const admitted = raw.mode === 'app' ? calls.filter((c) => !isRefusedCall(c)) : calls;
  const failures: Record<string, number> = {};
  for (const c of admitted) if (c.failure) failures[c.failure] = (failures[c.failure] ?? 0) + 1;
  const { from, to, steady } = measureWindow(calls, readings);
  const wallMs = to.at - from.at;
  const avgConcurrent = averageConcurrent(calls, from.at, to.at);
  const per100 = (value: number) => (avgConcurrent > 0 ? (value * 100) / avgConcurrent : NaN);
  const inWindow = readings.filter((r) => r.at >= from.at && r.at <= to.at);
  const meanRss = inWindow.reduce((sum, r) => sum + r.service.rss, 0) / inWindow.length;
  const service = cpuPercent(from.service.cpuMicros, to.service.cpuMicros, wallMs);
  const asterisk = cpuPercent(from.asteriskCpuMicros, to.asteriskCpuMicros, wallMs);
  const timings = calls.flatMap((c) => c.timings);
  const fields = [...new Set(timings.map((t) => t.field))];
  return {
    mode: raw.mode,
    calls: calls.length,
    completed: admitted.filter((c) => !c.failure).length,
    ...(raw.statuses ? { paid: raw.statuses.paid ?? 0, admission: tallyAdmission(calls, raw.statuses.paid ?? 0) } : {}),
    ...(raw.ari ? { ariPerCall: ariCostPerCall(raw.ari.before, raw.ari.after, calls.length) } : {}),
    failures: withUnpaid(failures, admitted, raw.statuses),
    maxConcurrent: maxConcurrent(calls),
    window: { seconds: wallMs / 1000, steady, avgConcurrent },
    callSeconds: summarize(calls.map((c) => (c.endedAt - c.startedAt) / 1000)),
    latencyMs: summarize(timings.map((t) => t.promptAt - t.keyAt)),
    latencyByField: Object.fromEntries(
      fields.map((f) => [f, summarize(timings.filter((t) => t.field === f).map((t) => t.promptAt - t.keyAt))]),
    ),
    split: split(raw),
    cpu: {
      asterisk,
      service,
      driver: cpuPercent(from.driverCpuMicros, to.driverCpuMicros, wallMs),
      servicePer100Calls: per100(service),
      asteriskPer100Calls: per100(asterisk),
      ...(from.postgresCpuMicros !== undefined && to.postgresCpuMicros !== undefined
        ? { postgresPer100Calls: per100(cpuPercent(from.postgresCpuMicros, to.postgresCpuMicros, wallMs)) }
        : {}),
    },
    memoryMb: {
      serviceRss: meanRss / MB,
      serviceRssPer100Calls: per100((meanRss - raw.idleMemory.rss) / MB),
      idleRss: raw.idleMemory.rss / MB,
      idleHeap: raw.idleMemory.heapUsed / MB,
      asteriskRss: to.asteriskRss / MB,
    },
    ariQueueMax: maxAppQueues(readings.map((r) => r.appQueues)),
    loadAverage: raw.loadAverage,
  };
}
