import { EventEmitter } from 'node:events';
import { expect } from 'chai';
import pino from 'pino';
import type { AcquirerPort } from '../../src/acquirer/acquirer-port';
import { FIELD_NAMES } from '../../src/call/field-name';
import { ConfigError, loadConfig } from '../../src/config/config';
import { startServiceMetrics, type ServiceMetrics } from '../../src/metrics/service-metrics';
import { createStore } from '../../src/store/store';
import { createTestDeps, type TestDeps } from '../helpers/test-db';
import { SEEDED_PHONE, seedOpenWork } from './open-work';
import { parseSamples, valueOf, type Sample } from './prometheus-text';

const log = pino({ level: 'silent' });
const LINES = { total: 30, maxOutbound: 10, reservedInbound: 5 };
const CHANNEL_ID = '1709286400.42';

/** An acquirer that approves every consume and finds every query still pending. */
const acquirer = {
  pay: () => Promise.resolve({ outcome: 'approved' as const, acquirerRef: 'ref', responseCode: '00' }),
  query: () => Promise.resolve({ outcome: 'pending' as const }),
} as unknown as AcquirerPort;

async function scrape(metrics: ServiceMetrics): Promise<{ status: number; type: string | null; samples: Sample[] }> {
  const { address } = metrics;
  if (!address) throw new Error('metrics are off');
  const res = await fetch(`http://127.0.0.1:${address.port}/metrics`);
  return { status: res.status, type: res.headers.get('content-type'), samples: parseSamples(await res.text()) };
}

describe('metrics/service-metrics', () => {
  let deps: TestDeps;
  let metrics: ServiceMetrics;
  let orderIds: string[];
  let stasis: EventEmitter;
  /** 2 inbound calls, 1 outbound line. */
  const activeCalls = (filter: { direction?: 'inbound' | 'outbound' } = {}) =>
    filter.direction === 'inbound' ? 2 : filter.direction === 'outbound' ? 1 : 3;
  const activity = async () => {
    metrics.watch({ stasis: { events: stasis, activeCalls }, store: deps.store, lines: LINES, now: deps.now });
    metrics.callEnded('inbound', 'paid');
    metrics.callEnded('outbound', 'abandoned');
    metrics.callEnded('outbound', 'abandoned');
    for (let i = 0; i < 3; i++) metrics.fields?.asked('card');
    metrics.fields?.rejected('card', 'invalid');
    stasis.emit('key-to-prompt', { callId: CHANNEL_ID, seconds: 0.03 });
    stasis.emit('key-to-prompt', { callId: CHANNEL_ID, seconds: 0.2 });
    stasis.emit('disconnected');
    const timed = metrics.acquirer(acquirer);
    await timed.pay({} as Parameters<AcquirerPort['pay']>[0]);
    await timed.query({ orderId: orderIds[0], attemptId: 'att_0', txnTime: '20260301160000' });
  };

  beforeEach(async () => {
    stasis = new EventEmitter();
    deps = await createTestDeps();
    metrics = await startServiceMetrics(loadConfig({ METRICS_PORT: '0' }).metrics, log);
    // The store as the service makes it: its writes timed.
    deps.store = createStore(deps.db, { groupCommit: true, timeWrites: metrics.timeWrites });
    orderIds = await seedOpenWork(deps);
  });
  afterEach(async () => {
    await metrics.close();
    await deps.db.destroy();
  });

  it('when activity happened, then GET /metrics answers in text format with each metric and its value', async () => {
    await activity();
    const { status, type, samples } = await scrape(metrics);

    expect(status).to.equal(200);
    expect(type).to.match(/^text\/plain; version=0\.0\.4/);
    const value = (name: string, labels: Record<string, string> = {}) => valueOf(samples, name, labels);
    expect(value('ivrpay_calls_active', { direction: 'inbound' })).to.equal(2);
    expect(value('ivrpay_calls_active', { direction: 'outbound' })).to.equal(1);
    expect(value('ivrpay_calls_ended_total', { direction: 'inbound', outcome: 'paid' })).to.equal(1);
    expect(value('ivrpay_calls_ended_total', { direction: 'outbound', outcome: 'abandoned' })).to.equal(2);
    expect(value('ivrpay_field_attempts_total', { field: 'card' })).to.equal(3);
    expect(value('ivrpay_field_errors_total', { field: 'card', problem: 'invalid' })).to.equal(1);
    expect(value('ivrpay_key_to_prompt_seconds_count')).to.equal(2);
    expect(value('ivrpay_key_to_prompt_seconds_bucket', { le: '0.05' })).to.equal(1);
    expect(value('ivrpay_key_to_prompt_seconds_sum')).to.be.closeTo(0.23, 1e-9);
    expect(value('ivrpay_acquirer_requests_total', { txn_type: 'consume', outcome: 'approved' })).to.equal(1);
    expect(value('ivrpay_acquirer_requests_total', { txn_type: 'query', outcome: 'pending' })).to.equal(1);
    expect(value('ivrpay_acquirer_request_duration_seconds_count', { txn_type: 'consume' })).to.equal(1);
    expect(value('ivrpay_payment_attempts', { state: 'unknown' })).to.equal(2);
    expect(value('ivrpay_payment_attempts', { state: 'unknown_manual' })).to.equal(1);
    expect(value('ivrpay_payment_attempts', { state: 'sending' })).to.equal(0);
    expect(value('ivrpay_webhook_notifications', { status: 'pending' })).to.equal(2);
    expect(value('ivrpay_webhook_notifications', { status: 'failed' })).to.equal(1);
    expect(value('ivrpay_callbacks', { state: 'due' })).to.equal(3);
    expect(value('ivrpay_callbacks', { state: 'dialing' })).to.equal(1);
    expect(value('ivrpay_sms', { status: 'queued' })).to.equal(1);
    expect(value('ivrpay_sms', { status: 'failed' })).to.equal(2);
    expect(value('ivrpay_lines_in_use')).to.equal(3);
    expect(value('ivrpay_lines_capacity')).to.equal(30);
    expect(value('ivrpay_lines_outbound_max')).to.equal(10);
    expect(value('ivrpay_lines_outbound_free')).to.equal(9);
    expect(value('ivrpay_ari_connected')).to.equal(0);
    expect(value('ivrpay_ari_disconnects_total')).to.equal(1);
    expect(value('ivrpay_store_write_duration_seconds_count', { statement: 'insert' })).to.be.greaterThan(0);
    expect(value('process_cpu_user_seconds_total')).to.be.a('number');
  });

  it('when ARI comes back, then the connection gauge is 1 again', async () => {
    await activity();
    stasis.emit('reconnected');
    expect(valueOf((await scrape(metrics)).samples, 'ivrpay_ari_connected')).to.equal(1);
  });

  it('when activity happened, then every ivrpay label is one of a few known names with a known value, never an id', async () => {
    await activity();
    const { samples } = await scrape(metrics);
    const known: Record<string, readonly string[]> = {
      direction: ['inbound', 'outbound'],
      outcome: ['paid', 'declined', 'unavailable', 'pending', 'abandoned', 'no-order', 'failed', 'approved', 'error'],
      field: FIELD_NAMES,
      problem: ['silence', 'invalid', 'mismatch'],
      txn_type: ['consume', 'query', 'cancel', 'refund', 'reversal_query', 'sms_code', 'file_transfer'],
      state: ['prepared', 'sending', 'unknown', 'unknown_manual', 'due', 'dialing'],
      status: ['pending', 'failed', 'queued'],
      statement: ['insert', 'update', 'delete', 'commit', 'transaction'],
    };
    const ours = samples.filter((s) => s.name.startsWith('ivrpay_'));
    expect(ours.length).to.be.greaterThan(30);
    const unknown = ours.flatMap((s) =>
      Object.entries(s.labels)
        .filter(([name, value]) => name !== 'le' && !known[name]?.includes(value))
        .map(([name, value]) => `${s.name}{${name}="${value}"}`),
    );
    expect(unknown).to.deep.equal([]);
    const text = JSON.stringify(samples);
    for (const id of [...orderIds, SEEDED_PHONE, CHANNEL_ID]) expect(text).not.to.include(id);
  });

  it('when another path is asked for, then 404; another method, 405', async () => {
    const base = `http://127.0.0.1:${metrics.address?.port}`;
    expect((await fetch(`${base}/`)).status).to.equal(404);
    expect((await fetch(`${base}/metrics`, { method: 'POST' })).status).to.equal(405);
  });
});

describe('metrics/service-metrics: settings', () => {
  it('when nothing is set, then metrics are on, on 127.0.0.1:9464', () => {
    expect(loadConfig({}).metrics).to.deep.equal({ enabled: true, host: '127.0.0.1', port: 9464 });
  });

  it('when started with the default host, then the server listens on loopback only', async () => {
    const metrics = await startServiceMetrics(loadConfig({ METRICS_PORT: '0' }).metrics, log);
    try {
      expect(metrics.address?.address).to.equal('127.0.0.1');
    } finally {
      await metrics.close();
    }
  });

  it('when METRICS=off, then no server starts and nothing is wrapped or counted', async () => {
    const metrics = await startServiceMetrics(loadConfig({ METRICS: 'off' }).metrics, log);
    expect(metrics.address).to.equal(undefined);
    expect(metrics.fields).to.equal(undefined);
    expect(metrics.timeWrites).to.equal(undefined);
    expect(metrics.acquirer(acquirer)).to.equal(acquirer);
    await metrics.close();
  });

  it('when METRICS or METRICS_PORT is not valid, then the configuration is refused naming them', () => {
    let error: unknown;
    try {
      loadConfig({ METRICS: 'maybe', METRICS_PORT: '70000' });
    } catch (err) {
      error = err;
    }
    expect(error).to.be.instanceOf(ConfigError);
    expect((error as ConfigError).problems.map((p) => p.split(':')[0])).to.have.members(['METRICS', 'METRICS_PORT']);
  });
});
