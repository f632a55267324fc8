import { randomUUID } from 'node:crypto';
import type { EventEmitter } from 'node:events';
import type { Client } from 'ari-client';
import pino, { type Logger } from 'pino';
import { openAriConnection } from '../src/ari/ari-connection';
import { isAriNotFound } from '../src/ari/ari-not-found';
import { SimulatedCall, type SimEvent, type SimulatedCallOptions, type SimulatedCallResult } from './simulated-call';
import { answerIncoming, type IncomingHandler, type IncomingOps } from './simulated-incoming';
import { withTimeout } from '../src/ari/with-timeout';

export type { SimulatedCallOptions, SimulatedCallResult } from './simulated-call';
export type { IncomingAnswer, IncomingCall, IncomingHandler } from './simulated-incoming';

export interface SimulatedCallerOptions {
  url: string;
  user: string;
  password: string;
  /**
   * Its own Stasis app, e.g. 'ivrpay-caller': never the IVR's app name, or it would take the IVR's calls.
   * To answer the test phones, the app their extension hands calls to ('ivrpay-test-phone').
   */
  app: string;
  requestTimeoutMs: number;
  log?: Logger;
  connectWaitMs?: number;
}

export interface SimulatedCaller {
  /** Places one call and resolves when it has ended. */
  call(options: SimulatedCallOptions): Promise<SimulatedCallResult>;
  /**
   * From now on, answers the calls the dialplan hands to this app (the test phones), keying what
   * `handler` says for each; a call it returns nothing for is rejected.
   */
  answerIncoming(handler: IncomingHandler): void;
  close(): Promise<void>;
}

/** Events a simulated call reads; ChannelDtmfReceived (on the IVR's half) times the silence after each answer. */
const watched = ['StasisStart', 'ChannelVarset', 'PlaybackStarted', 'ChannelDtmfReceived', 'ChannelDestroyed'];

/**
 * A cardholder simulator for the demo, end-to-end tests and benchmarks. It originates a Local
 * channel into the IVR's dialplan and keys each field's answer when the IVR asks for that field.
 */
export async function connectSimulatedCaller(opts: SimulatedCallerOptions): Promise<SimulatedCaller> {
  const log = opts.log ?? pino({ level: 'silent' });
  const calls = new Map<string, SimulatedCall>();
  let client: Client | undefined;
  let incomingHandler: IncomingHandler | undefined;
  /** Settles while our WebSocket is up: a call originated without it would never see its events. */
  let linkUp: Promise<void> = Promise.resolve();
  let markUp = () => {};
  const timed = <T>(what: string, request: Promise<T>) => withTimeout(request, opts.requestTimeoutMs, what);

  const ops: IncomingOps = {
    sendDtmf: (channelId: string, dtmf: string) =>
      timed('sendDTMF', current().channels.sendDTMF({ channelId, dtmf, between: 100, duration: 100 })),
    hangup: (channelId: string) =>
      timed('hangup', current().channels.hangup({ channelId })).catch((err: unknown) => {
        if (!isAriNotFound(err)) throw err;
      }),
    answer: (channelId) => timed('answer', current().channels.answer({ channelId })),
    channelIdByName: async (name) => (await timed('list', current().channels.list())).find((c) => c.name === name)?.id,
    subscribe: async (channelId) => {
      await timed(
        'subscribe',
        current().applications.subscribe({ applicationName: opts.app, eventSource: `channel:${channelId}` }),
      );
    },
  };

  function track(sim: SimulatedCall): () => void {
    calls.set(sim.localId, sim);
    calls.set(sim.peerId, sim);
    return () => {
      calls.delete(sim.localId);
      calls.delete(sim.peerId);
    };
  }

  function current(): Client {
    if (!client) throw new Error('simulated caller is not connected');
    return client;
  }

  function attach(next: Client, emitter: EventEmitter): void {
    client = next;
    for (const type of watched) {
      emitter.on(type, (event: SimEvent) => {
        const channelId = event.channel?.id ?? event.playback?.target_uri.replace(/^channel:/, '');
        const sim = channelId ? calls.get(channelId) : undefined;
        if (sim) sim.handle(event);
        else if (event.type === 'StasisStart') void answerIncoming(event, incomingHandler, { ops, log, track });
      });
    }
  }

  const connection = await openAriConnection({
    url: opts.url,
    user: opts.user,
    password: opts.password,
    app: opts.app,
    requestTimeoutMs: opts.requestTimeoutMs,
    initialWaitMs: opts.connectWaitMs,
    log,
    onClient: attach,
    // Events are lost from here on, so the end of a call in progress would never be seen.
    onDisconnected: () => {
      linkUp = new Promise((resolve) => (markUp = resolve));
      new Set(calls.values()).forEach((call) => call.end('disconnected'));
    },
    onReconnected: (next) => {
      client = next;
      markUp();
    },
  });

  async function call(options: SimulatedCallOptions): Promise<SimulatedCallResult> {
    await withTimeout(linkUp, options.timeoutMs, 'reconnect');
    const localId = `sim-${randomUUID()}`;
    const peerId = `${localId}-ivr`;
    const sim = new SimulatedCall(localId, peerId, options, ops, log);
    const untrack = track(sim);
    const { endpoint } = options;
    // A-law, as a trunk carries it: without `formats` the Local channel gets every format and Asterisk
    // resamples each 8 kHz prompt to the widest (bench:calls measured 3 % of a core per call for it).
    const originate = { endpoint, app: opts.app, appArgs: 'caller', channelId: localId, otherChannelId: peerId, formats: 'alaw' };
    try {
      await timed('originate', current().channels.originate(originate)).catch((err: unknown) => {
        sim.end('caller'); // only to clear its timer: the caller never got through
        throw err;
      });
      return await sim.result;
    } finally {
      untrack();
    }
  }

  return {
    call,
    answerIncoming: (handler) => {
      incomingHandler = handler;
    },
    close: () => connection.close(),
  };
}
