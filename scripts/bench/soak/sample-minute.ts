import type { Client } from 'ari-client';
import { withTimeout } from '../../../src/ari/with-timeout';
import { errorMessage } from '../../../src/lib/error-message';
import type { ProcessHealth } from '../lib/process-health';
import { processRssBytes } from '../lib/proc-cpu';
import type { Worker } from '../lib/worker-rpc';
import type { CallCounts, MinuteTally } from './minute-tally';

/** One reading of the soak: at minute 0 (before any call), at the end of each minute, and after the calls. */
export interface MinuteSample {
  /** Minutes since the calls started, as scheduled. */
  minute: number;
  /** Wall clock, ms since the epoch. */
  at: number;
  inFlight: number;
  /** Calls that ended since the previous reading; paid: their orders the service holds as paid. */
  calls: CallCounts & { paid: number };
  service: ProcessHealth & { activeCalls: number };
  /** channels: GET /ari/channels, ours and anyone else's; otherChannels: the ones not placed by the soak. */
  asterisk: { channels: number; otherChannels: number; rss: number };
}

export interface SampleSources {
  worker: Worker<unknown>;
  client: () => Client;
  ariTimeoutMs: number;
  asteriskPid: number;
  tally: MinuteTally;
  inFlight: () => number;
}

export async function sampleMinute(minute: number, src: SampleSources): Promise<MinuteSample> {
  const at = Date.now();
  const { counts, orderIds } = src.tally.take();
  const service = await src.worker.call<MinuteSample['service']>('health');
  // The worker keeps when each prompt started, for bench:calls; left there, that list would grow all run long.
  await src.worker.call('takePromptTimes');
  const statuses = orderIds.length ? await src.worker.call<Record<string, number>>('statuses', { ids: orderIds }) : {};
  const channels = await withTimeout(src.client().channels.list(), src.ariTimeoutMs, 'channels.list');
  let asteriskRss: number;
  try {
    asteriskRss = processRssBytes(src.asteriskPid);
  } catch (err) {
    // The sandbox is shared: a test suite that restarts it (test/ari/stasis-app.e2e) ends the soak.
    throw new Error(
      `Asterisk (pid ${src.asteriskPid}) could not be measured any more, restarted by someone? (${errorMessage(err)})`,
      { cause: err },
    );
  }
  return {
    minute,
    at,
    inFlight: src.inFlight(),
    calls: { ...counts, paid: statuses.paid ?? 0 },
    service,
    asterisk: {
      channels: channels.length,
      otherChannels: channels.filter((c) => !c.id.startsWith('bench-')).length,
      rss: asteriskRss,
    },
  };
}
