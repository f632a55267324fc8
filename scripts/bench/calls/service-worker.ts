/**
 * bench:calls' and npm run soak's measured process: the whole service (startService, as `npm start`
 * wires it) with its own Stasis app, a throw-away SQLite file (--cluster: DATABASE_URL's PostgreSQL, each node's
 * app and NODE_ID from the environment) and HTTP on a free port. The benchmark
 * drives it over IPC (orders to pay, samples of CPU and memory, the times our app started each prompt,
 * the soak's health readings) and measures nothing of its own here, so the CPU and memory figures are
 * the service's alone.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../../src/config/config';
import { createLogger } from '../../../src/log/logger';
import { timedAriOps } from '../../../src/ari/timed-ari-ops';
import { startService } from '../../../src/service';
import { processHealthMonitor } from '../lib/process-health';
import { announceFailure, announceReady, serveRequests } from '../lib/worker-rpc';
import type { AriCounters } from './ari-cost';
import { BENCH_APP, BENCH_AMOUNT_FEN } from './call-plan';

export interface ServiceSample {
  /** Wall clock, ms since the epoch. */
  at: number;
  cpuMicros: number;
  rss: number;
  heapUsed: number;
  activeCalls: number;
  /** The Stasis app's ARI traffic since the service started (absent from a worker of an older tree). */
  ari?: AriCounters;
}

function wallNow(): number {
  return performance.timeOrigin + performance.now();
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ivrpay-bench-calls-'));
  const config = loadConfig({
    ...process.env,
    // bench:calls --cluster names each node's app (CLUSTER_APPS); every other mode takes the benchmark's one.
    ARI_APP: process.env.BENCH_ARI_APP ?? BENCH_APP,
    HTTP_PORT: '0',
    METRICS_PORT: '0',
    SQLITE_FILE: path.join(dir, 'bench.sqlite'),
    LOG_FILE: '',
    // The dialplan baseline (extensions-bench.conf) has no language offer: both play the same script.
    LANGUAGE_SWITCH: 'off',
    // As in production: the benchmark's cardholders learn the field from its prompt, not from IVRPAY_FIELD.
    ARI_FIELD_VARIABLE: process.env.ARI_FIELD_VARIABLE ?? 'off',
    // Every call the benchmark places is let in unless TRUNK_LINES says otherwise (the admission sweep sets it).
    TRUNK_LINES: process.env.TRUNK_LINES ?? '10000',
  });
  const log = createLogger({ level: config.log.level });
  // Counted on the way, the requests and events unchanged: what each call costs Asterisk (issue 16 §1).
  const ari: AriCounters = { requests: 0, events: 0, eventBytes: 0 };
  const service = await startService(config, log, {
    // timedAriOps reports every request once, answered or failed: here its report is only counted.
    ariOps: (ops) =>
      timedAriOps(ops, () => {
        ari.requests += 1;
      }),
    onRawAriEvent: (bytes) => {
      ari.events += 1;
      ari.eventBytes += bytes;
    },
  });
  const merchant = await service.merchants.createMerchant('bench:calls');
  let ordersMade = 0;

  /** callId → wall-clock times at which our app asked Asterisk to start a prompt ('prompt' hook). */
  let promptTimes = new Map<string, number[]>();
  service.stasis.events.on('prompt', ({ callId }: { callId: string }) => {
    const at = wallNow();
    const times = promptTimes.get(callId);
    if (times) times.push(at);
    else promptTimes.set(callId, [at]);
  });

  const sample = (): ServiceSample => {
    const cpu = process.cpuUsage();
    const memory = process.memoryUsage();
    return {
      at: wallNow(),
      cpuMicros: cpu.user + cpu.system,
      rss: memory.rss,
      heapUsed: memory.heapUsed,
      activeCalls: service.stasis.activeCalls(),
      ari: { ...ari },
    };
  };

  const health = processHealthMonitor();

  let stopping = false;
  async function stop(): Promise<void> {
    if (stopping) return;
    stopping = true;
    await service.stop({ graceMs: 5_000 });
    fs.rmSync(dir, { recursive: true, force: true });
  }

  serveRequests({
    orders: async ({ count }: { count: number }) => {
      const made: { id: string; payCode: string }[] = [];
      for (let i = 0; i < count; i++) {
        ordersMade += 1;
        const order = await service.orders.createOrder(merchant.id, {
          merchantOrderId: `BENCH-${process.pid}-${ordersMade}`,
          amount: BENCH_AMOUNT_FEN,
          currency: 'CNY',
          mode: 'inbound',
        });
        made.push({ id: order.id, payCode: order.payCode as string });
      }
      return made;
    },
    statuses: async ({ ids }: { ids: string[] }) => {
      const counts: Record<string, number> = {};
      for (let i = 0; i < ids.length; i += 500) {
        const rows: { status: string }[] = await service
          .db('orders')
          .whereIn('id', ids.slice(i, i + 500))
          .select('status');
        for (const { status } of rows) counts[status] = (counts[status] ?? 0) + 1;
      }
      return counts;
    },
    sample,
    /** Memory once garbage is collected (the worker runs with --expose-gc): what a leak would keep. */
    settledMemory: async () => {
      for (let i = 0; i < 3; i++) {
        global.gc?.();
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      return sample();
    },
    /** npm run soak's reading: memory, handles, event-loop lag since the last reading (see process-health). */
    health: () => ({ ...health.read(), activeCalls: service.stasis.activeCalls() }),
    takePromptTimes: () => {
      const taken = Object.fromEntries(promptTimes);
      promptTimes = new Map();
      return taken;
    },
    stop: async () => {
      await stop();
      setImmediate(() => process.exit(0));
    },
  });
  // The benchmark died without saying stop: do not stay behind holding the Stasis app.
  process.on('disconnect', () => {
    void stop().finally(() => process.exit(0));
  });
  announceReady({ pid: process.pid, app: config.ari.app, logLevel: config.log.level });
}

main().catch((err: unknown) => {
  announceFailure(err);
  process.exit(1);
});
