import type { EventEmitter } from 'node:events';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import type { AcquirerPort } from '../acquirer/acquirer-port';
import type { CallOutcome } from '../call/call-outcome';
import type { FieldObserver } from '../call/field-observer';
import type { LineSettings } from '../callback/line-capacity';
import type { Config } from '../config/config';
import type { StoreOptions } from '../store/store';
import { createMetrics, type Metrics } from './metrics';
import { startMetricsServer } from './metrics-server';
import { storeReadings, type CountedStore } from './store-readings';
import { timedAcquirer } from './timed-acquirer';

/** A scrape answers within this even when the store is slow: a count that takes longer is left out. */
export const STORE_READ_TIMEOUT_MS = 2_000;

/** The Stasis app as the metrics see it: its events and its live counts (src/ari/stasis-app.ts). */
export interface WatchedStasis {
  readonly events: EventEmitter;
  activeCalls(filter?: { direction?: 'inbound' | 'outbound' }): number;
}

/** What the composition root (src/service.ts) wires the metrics into; with METRICS=off each part does nothing. */
export interface ServiceMetrics {
  /** Where GET /metrics answers; absent when off. */
  readonly address?: AddressInfo;
  /** The registry served, absent when off (tests read it). */
  readonly metrics?: Metrics;
  /** For createStore: times the store's writes. */
  readonly timeWrites?: StoreOptions['timeWrites'];
  /** For the call script's PaymentFlowDeps: counts each field's tries and rejections. */
  readonly fields?: FieldObserver;
  /** The acquirer with its requests timed and counted (as it is when off). */
  acquirer(port: AcquirerPort): AcquirerPort;
  callEnded(direction: 'inbound' | 'outbound', outcome: CallOutcome | 'failed'): void;
  /** Once the Stasis app runs: its events and counts, and the store's counts, are read from here on. */
  watch(sources: { stasis: WatchedStasis; store: CountedStore; lines: LineSettings; now: () => Date }): void;
  close(): Promise<void>;
}

const OFF: ServiceMetrics = {
  acquirer: (port) => port,
  callEnded: () => {},
  watch: () => {},
  close: () => Promise.resolve(),
};

/** The metrics and their server as METRICS, METRICS_HOST and METRICS_PORT say (README, "Metrics and alerts"). */
export async function startServiceMetrics(settings: Config['metrics'], log: Logger): Promise<ServiceMetrics> {
  if (!settings.enabled) return OFF;
  const metrics = createMetrics();
  const server = await startMetricsServer({ registry: metrics.registry, host: settings.host, port: settings.port, log });
  log.info({ url: `http://${hostForUrl(server.address)}:${server.address.port}/metrics` }, 'metrics served');
  return {
    address: server.address,
    metrics,
    timeWrites: (statement, seconds) => metrics.storeWriteSeconds.observe({ statement }, seconds),
    fields: {
      asked: (field) => metrics.fieldTries.inc({ field }),
      rejected: (field, problem) => metrics.fieldErrors.inc({ field, problem }),
    },
    acquirer: (port) => timedAcquirer(port, metrics),
    callEnded: (direction, outcome) => metrics.callsEnded.inc({ direction, outcome }),
    watch({ stasis, store, lines, now }) {
      metrics.ariConnected.set(1);
      stasis.events.on('disconnected', () => {
        metrics.ariConnected.set(0);
        metrics.ariDisconnects.inc();
      });
      stasis.events.on('reconnected', () => metrics.ariConnected.set(1));
      stasis.events.on('call-refused', ({ reason }: { reason: string }) => metrics.callsRefused.inc({ reason }));
      stasis.events.on('key-to-prompt', ({ seconds }: { seconds: number }) => metrics.keyToPrompt.observe(seconds));
      metrics.readFrom({
        activeCalls: (filter) => stasis.activeCalls(filter),
        lines,
        store: storeReadings(store, now, STORE_READ_TIMEOUT_MS),
        log,
      });
    },
    close: () => server.close(),
  };
}

function hostForUrl(address: AddressInfo): string {
  return address.family === 'IPv6' ? `[${address.address}]` : address.address;
}
