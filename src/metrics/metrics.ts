import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { addScrapeGauges, type ScrapeSources } from './scrape-gauges';

/**
 * Every metric of the service, on a registry of its own (README, "Metrics and alerts"). Labels take a few known
 * values each (direction, outcome, field, …): never an order id, a phone number or a channel id, so a series
 * per label set stays bounded however many calls come.
 *
 * The metrics counted as things happen are here; the gauges read at scrape time are in scrape-gauges.ts, and
 * read nothing until `readFrom` names their sources (the Stasis app and the store, once they run).
 */
export function createMetrics(opts: { processMetrics?: boolean } = {}) {
  const registry = new Registry();
  const registers = [registry];
  // Node's own figures (CPU, memory, event-loop lag, GC) under their usual names, as dashboards expect them.
  if (opts.processMetrics !== false) collectDefaultMetrics({ register: registry });

  let sources: ScrapeSources | undefined;
  const storeReadFailures = new Counter({
    name: 'ivrpay_metrics_store_read_failures_total',
    help: 'Scrape-time store reads that failed or ran out of time, by metric family (that gauge is left empty; the count shows from the next scrape).',
    labelNames: ['family'] as const,
    registers,
  });
  addScrapeGauges(registry, () => sources, storeReadFailures);

  return {
    registry,
    /** The gauges read at scrape time read from here on. */
    readFrom(next: ScrapeSources): void {
      sources = next;
    },
    callsEnded: new Counter({
      name: 'ivrpay_calls_ended_total',
      help: 'Calls whose script ended, by direction and outcome (paid, declined, unavailable, pending, abandoned, no-order; failed: a fault of ours).',
      labelNames: ['direction', 'outcome'] as const,
      registers,
    }),
    callsRefused: new Counter({
      name: 'ivrpay_calls_refused_total',
      help: 'New calls refused politely (fallback prompt, hang-up), by reason: not-ready (readiness failed), stopping, lines-full (TRUNK_LINES) or overloaded (the admission guard).',
      labelNames: ['reason'] as const,
      registers,
    }),
    fieldTries: new Counter({
      name: 'ivrpay_field_attempts_total',
      help: 'Tries of a keypad field (each time it is asked), by field name.',
      labelNames: ['field'] as const,
      registers,
    }),
    fieldErrors: new Counter({
      name: 'ivrpay_field_errors_total',
      help: 'Tries of a keypad field whose answer was not taken, by field and problem (silence, invalid, mismatch).',
      labelNames: ['field', 'problem'] as const,
      registers,
    }),
    keyToPrompt: new Histogram({
      name: 'ivrpay_key_to_prompt_seconds',
      help: 'From the key that ended a field to the request of the prompt that answers it.',
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    }),
    acquirerSeconds: new Histogram({
      name: 'ivrpay_acquirer_request_duration_seconds',
      help: 'Requests to the acquirer, by transaction type, until their answer (or error).',
      labelNames: ['txn_type'] as const,
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 20, 30, 60],
      registers,
    }),
    acquirerRequests: new Counter({
      name: 'ivrpay_acquirer_requests_total',
      help: 'Requests to the acquirer, by transaction type and outcome (error: it threw).',
      labelNames: ['txn_type', 'outcome'] as const,
      registers,
    }),
    storeWriteSeconds: new Histogram({
      name: 'ivrpay_store_write_duration_seconds',
      help: 'Write statements on the store (insert, update, delete, commit), from the statement to its answer.',
      labelNames: ['statement'] as const,
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1],
      registers,
    }),
    ariConnected: new Gauge({
      name: 'ivrpay_ari_connected',
      help: "1 while the Stasis app's ARI WebSocket is connected, 0 while it is down.",
      registers,
    }),
    ariDisconnects: new Counter({
      name: 'ivrpay_ari_disconnects_total',
      help: 'Times the ARI WebSocket dropped.',
      registers,
    }),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
