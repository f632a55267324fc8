import type { Logger } from 'pino';
import { Gauge, type Counter, type Registry } from 'prom-client';
import { freeOutboundLines, type LineSettings } from '../callback/line-capacity';
import { errorSummary } from '../log/error-summary';
import type { StoreReadings } from './store-readings';

/** What the scrape-time gauges read: the Stasis app's live counts, the line settings, the store's counts. */
export interface ScrapeSources {
  /** The Stasis app's activeCalls: inbound calls in the app, outbound lines from originate to release. */
  activeCalls(filter?: { direction?: 'inbound' | 'outbound' }): number;
  lines: LineSettings;
  store: StoreReadings;
  log: Logger;
}

/**
 * The gauges whose value is read when Prometheus scrapes: live counts cost nothing, and each store family is one
 * cheap, time-bounded query (store-readings.ts). A failed read leaves its gauge empty rather than stale, and counts
 * in `failures`.
 */
export function addScrapeGauges(registry: Registry, sources: () => ScrapeSources | undefined, failures: Counter<'family'>) {
  const registers = [registry];
  const live = (name: string, help: string, read: (s: ScrapeSources) => number) =>
    new Gauge({
      name,
      help,
      registers,
      collect() {
        const s = sources();
        if (s) this.set(read(s));
      },
    });

  new Gauge({
    name: 'ivrpay_calls_active',
    help: 'Calls in progress, by direction (outbound: from the originate request, ringing included).',
    labelNames: ['direction'] as const,
    registers,
    collect() {
      const s = sources();
      if (!s) return;
      for (const direction of ['inbound', 'outbound'] as const) this.set({ direction }, s.activeCalls({ direction }));
    },
  });
  live('ivrpay_lines_in_use', 'Trunk lines in use, inbound and outbound together.', (s) => s.activeCalls());
  live('ivrpay_lines_capacity', 'Trunk lines in all (TRUNK_LINES).', (s) => s.lines.total);
  live('ivrpay_lines_outbound_max', 'Most callbacks at once (CALLBACK_MAX_LINES).', (s) => s.lines.maxOutbound);
  live('ivrpay_lines_outbound_free', 'Callbacks that may start now (after the lines kept for inbound calls).', (s) =>
    freeOutboundLines(s.lines, {
      inbound: s.activeCalls({ direction: 'inbound' }),
      outbound: s.activeCalls({ direction: 'outbound' }),
    }),
  );

  const fromStore = (name: string, help: string, label: string, read: (s: StoreReadings) => Promise<Record<string, number>>) =>
    new Gauge({
      name,
      help,
      labelNames: [label],
      registers,
      async collect() {
        const s = sources();
        if (!s) return;
        try {
          const counts = await read(s.store);
          this.reset();
          for (const [value, count] of Object.entries(counts)) this.set({ [label]: value }, count);
        } catch (err) {
          this.reset();
          failures.inc({ family: name });
          s.log.warn({ metric: name, err: errorSummary(err, { withMessage: true }) }, 'metrics: reading the store failed');
        }
      },
    });

  fromStore(
    'ivrpay_payment_attempts',
    'Payment attempts not final yet, by state (unknown: being queried; unknown_manual: the reconciliation file or an operator decides).',
    'state',
    (store) => store.openAttempts(),
  );
  fromStore(
    'ivrpay_webhook_notifications',
    'Merchant notifications waiting to be delivered (pending) or given up (failed).',
    'status',
    (store) => store.webhooks(),
  );
  fromStore('ivrpay_callbacks', 'Callbacks due now (due) and being dialled (dialing).', 'state', (store) => store.callbacks());
  fromStore('ivrpay_sms', 'SMS reminders waiting to be sent (queued) or given up (failed).', 'status', (store) => store.sms());
}
