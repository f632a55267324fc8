import { expect } from 'chai';
import pino from 'pino';
import { createMetrics } from '../../src/metrics/metrics';
import { storeReadings, type CountedStore } from '../../src/metrics/store-readings';
import { parseSamples, valueOf } from './prometheus-text';

const never = () => new Promise<never>(() => {});
const LINES = { total: 10, maxOutbound: 4, reservedInbound: 3 };

/** A store whose notification count never answers and whose SMS count fails; the others answer. */
const stuckStore = {
  paymentAttempts: { countInStates: () => Promise.resolve({ prepared: 0, sending: 1, unknown: 0, unknown_manual: 2 }) },
  notifications: { countInStatuses: never },
  callbacks: { countOpen: () => Promise.resolve({ due: 0, dialing: 0 }) },
  sms: { countInStatuses: () => Promise.reject(new Error('SQLITE_BUSY')) },
} as unknown as CountedStore;

describe('metrics/scrape-gauges', () => {
  it('when nothing is watched yet, then the scrape answers with the gauges empty', async () => {
    const metrics = createMetrics({ processMetrics: false });
    const samples = parseSamples(await metrics.registry.metrics());
    expect(samples.filter((s) => s.name === 'ivrpay_payment_attempts' || s.name === 'ivrpay_calls_active')).to.deep.equal([]);
  });

  it('when a store count is slow or fails, then the scrape still answers: that gauge empty, the failure counted', async () => {
    const metrics = createMetrics({ processMetrics: false });
    metrics.readFrom({
      activeCalls: (filter = {}) => (filter.direction === 'inbound' ? 8 : filter.direction === 'outbound' ? 0 : 8),
      lines: LINES,
      store: storeReadings(stuckStore, () => new Date(), 50),
      log: pino({ level: 'silent' }),
    });
    const started = Date.now();
    const samples = parseSamples(await metrics.registry.metrics());

    expect(Date.now() - started).to.be.lessThan(1000);
    expect(valueOf(samples, 'ivrpay_payment_attempts', { state: 'unknown_manual' })).to.equal(2);
    expect(samples.filter((s) => s.name === 'ivrpay_webhook_notifications' || s.name === 'ivrpay_sms')).to.deep.equal([]);
    // Counted while this scrape was being written: the next one shows it.
    const next = parseSamples(await metrics.registry.metrics());
    const failures = (family: string) => valueOf(next, 'ivrpay_metrics_store_read_failures_total', { family });
    expect([failures('ivrpay_webhook_notifications'), failures('ivrpay_sms'), failures('ivrpay_payment_attempts')]).to.deep.equal(
      [1, 1, undefined],
    );
    // 8 inbound calls take 8 of 10 lines: 2 left, fewer than the outbound cap of 4.
    expect(valueOf(samples, 'ivrpay_lines_outbound_free')).to.equal(2);
  });
});
