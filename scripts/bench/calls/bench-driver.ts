import { randomUUID } from 'node:crypto';
import type { EventEmitter } from 'node:events';
import type { Client } from 'ari-client';
import pino from 'pino';
import { openAriConnection } from '../../../src/ari/ari-connection';
import { isAriNotFound } from '../../../src/ari/ari-not-found';
import { withTimeout } from '../../../src/ari/with-timeout';
import { BenchCall, type DriveMode, type DrivenCall, type DriverEvent } from './bench-call';
import { CALLER_APP } from './call-plan';

export interface BenchDriver {
  /** Places one call (a Local channel whose other half runs `endpoint`) and resolves when it has ended. */
  call(endpoint: string, mode: DriveMode, timeoutMs: number): Promise<DrivenCall>;
  client(): Client;
  /** Hangs up every call in progress from the cardholder's side; each ends with `why` as its failure. */
  hangUpAll(why: string): void;
  close(): Promise<void>;
}

/**
 * G.711 A-law, as a Chinese trunk carries it. Without `formats` ARI gives the Local channel every
 * audio format, Asterisk picks the widest, and resamples each 8 kHz prompt: about 3 % of a core per
 * call here, 20 times the cost of the call itself, which would swamp every figure.
 */
const originate = { app: CALLER_APP, appArgs: 'caller', formats: 'alaw' };

const WATCHED = [
  'StasisStart',
  'ChannelVarset',
  'PlaybackStarted',
  'PlaybackFinished',
  'ChannelDialplan',
  'ChannelDtmfReceived',
  'ChannelDestroyed',
];

/**
 * The simulated cardholders of bench:calls: their own Stasis app, on the Local-channel pattern of
 * simulator/simulated-caller.ts, with the timing the benchmark needs (see BenchCall).
 */
export async function connectBenchDriver(ari: {
  url: string;
  user: string;
  password: string;
  requestTimeoutMs: number;
}): Promise<BenchDriver> {
  const calls = new Map<string, BenchCall>();
  let current: Client | undefined;
  const client = () => {
    if (!current) throw new Error('bench driver is not connected');
    return current;
  };
  const timed = <T>(what: string, request: Promise<T>) => withTimeout(request, ari.requestTimeoutMs, what);
  const ops = {
    sendKeys: async (channelId: string, dtmf: string) => {
      await timed('sendDTMF', client().channels.sendDTMF({ channelId, dtmf, between: 100, duration: 100 }));
    },
    hangup: async (channelId: string) => {
      await timed('hangup', client().channels.hangup({ channelId })).catch((err: unknown) => {
        if (!isAriNotFound(err)) throw err;
      });
    },
  };

  function attach(next: Client, emitter: EventEmitter): void {
    current = next;
    for (const type of WATCHED) {
      emitter.on(type, (event: DriverEvent) => {
        const channelId = event.channel?.id ?? event.playback?.target_uri.replace(/^channel:/, '');
        if (channelId) calls.get(channelId)?.handle(event);
      });
    }
  }

  const connection = await openAriConnection({
    ...ari,
    app: CALLER_APP,
    log: pino({ level: 'silent' }),
    onClient: attach,
    // Events are lost from here on: the calls in progress cannot be followed any more.
    onDisconnected: () => new Set(calls.values()).forEach((call) => call.fail('driver disconnected')),
    onReconnected: (next) => {
      current = next;
    },
  });

  async function call(endpoint: string, mode: DriveMode, timeoutMs: number): Promise<DrivenCall> {
    const localId = `bench-${randomUUID()}`;
    const peerId = `${localId}-ivr`;
    const bench = new BenchCall(localId, peerId, mode, ops, timeoutMs);
    calls.set(localId, bench);
    calls.set(peerId, bench);
    try {
      await timed(
        'originate',
        client().channels.originate({ ...originate, endpoint, channelId: localId, otherChannelId: peerId }),
      ).catch(() => bench.fail('originate failed'));
      return await bench.done;
    } finally {
      calls.delete(localId);
      calls.delete(peerId);
    }
  }

  return {
    call,
    client,
    hangUpAll: (why) => new Set(calls.values()).forEach((bench) => bench.fail(why)),
    close: () => connection.close(),
  };
}
