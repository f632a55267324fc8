import { setTimeout as sleep } from 'node:timers/promises';
import { withTimeout } from '../../../src/ari/with-timeout';
import { errorMessage } from '../../../src/lib/error-message';
import type { BenchDriver } from '../calls/bench-driver';
import { APP_CONTEXT } from '../calls/call-plan';
import type { ServiceWorker } from '../calls/service-starter';
import type { ServiceSample } from '../calls/service-worker';
import { startCallLoop } from './call-loop';
import { minuteLine } from './minute-line';
import { CUT_AT_END, MinuteTally } from './minute-tally';
import { sampleMinute, type MinuteSample, type SampleSources } from './sample-minute';
import type { SoakOptions } from './soak-options';
import type { SoakResult } from './soak-report';

type SoakRun = Pick<SoakResult, 'before' | 'minutes' | 'after' | 'calls' | 'endedEarly'>;

/** Waits, up to `ms`, for the service and Asterisk to have no call of the soak left. */
async function settle(driver: BenchDriver, worker: ServiceWorker, ariTimeoutMs: number, ms: number): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    const channels = await withTimeout(driver.client().channels.list(), ariTimeoutMs, 'channels.list');
    const service = await worker.call<ServiceSample>('sample');
    if (service.activeCalls === 0 && !channels.some((c) => c.id.startsWith('bench-'))) break;
    await sleep(1_000);
  }
  // What the service does once a call is gone (its last writes, closing timers) is not a leak.
  await sleep(2_000);
}

/**
 * The soak itself: a reading with no call, then `calls` payment calls kept in progress, a reading at
 * the end of every minute, and one more once the calls still going at the end are hung up and gone.
 * A reading that fails (Asterisk restarted by someone) ends the run early with the minutes so far.
 */
export async function runSoak(deps: {
  opts: SoakOptions;
  driver: BenchDriver;
  worker: ServiceWorker;
  asteriskPid: number;
  ariTimeoutMs: number;
  log: (line: string) => void;
}): Promise<SoakRun> {
  const { opts, driver, worker, log } = deps;
  const tally = new MinuteTally();
  let ending = false;
  let inFlight = () => 0;
  const sources: SampleSources = { ...deps, client: () => driver.client(), tally, inFlight: () => inFlight() };
  const before = await sampleMinute(0, sources);
  log(minuteLine(before, opts.minutes));

  async function placeCall(): Promise<void> {
    tally.started();
    let order: { id: string; payCode: string };
    try {
      [order] = await worker.call<{ id: string; payCode: string }[]>('orders', { count: 1 });
    } catch (err) {
      return tally.ended({ failure: `order not created: ${errorMessage(err)}` });
    }
    if (ending) return tally.ended({ failure: CUT_AT_END, orderId: order.id });
    const call = await driver.call(`Local/${order.payCode}@${APP_CONTEXT}`, 'app', opts.callTimeoutSeconds * 1000);
    tally.ended({ failure: call.failure, orderId: order.id });
  }

  const startedAt = Date.now();
  const loop = startCallLoop({
    calls: opts.calls,
    rampMs: opts.rampSeconds * 1000,
    placeCall,
    onError: (err) => tally.ended({ failure: `soak error: ${errorMessage(err)}` }),
  });
  inFlight = () => loop.inFlight();
  const minutes: MinuteSample[] = [];
  let endedEarly: string | undefined;
  try {
    for (let minute = 1; minute <= opts.minutes; minute++) {
      await sleep(Math.max(0, startedAt + minute * 60_000 - Date.now()));
      const sample = await sampleMinute(minute, sources);
      minutes.push(sample);
      log(minuteLine(sample, opts.minutes));
    }
  } catch (err) {
    endedEarly = errorMessage(err);
    log(`stopping early: ${endedEarly}`);
  } finally {
    ending = true;
    const stopped = loop.stop();
    driver.hangUpAll(CUT_AT_END);
    await stopped;
  }

  let after: MinuteSample | undefined;
  try {
    await settle(driver, worker, deps.ariTimeoutMs, 30_000);
    after = await sampleMinute(Math.round((Date.now() - startedAt) / 600) / 100, sources);
    log(`after the calls: ${minuteLine(after, opts.minutes)}`);
  } catch (err) {
    endedEarly ??= errorMessage(err);
  }
  const paid = [...minutes, ...(after ? [after] : [])].reduce((sum, s) => sum + s.calls.paid, 0);
  return { before, minutes, after, calls: { ...tally.totals(), paid }, endedEarly };
}
