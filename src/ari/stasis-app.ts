import { EventEmitter } from 'node:events';
import type { Client, StasisStart } from 'ari-client';
import type { Logger } from 'pino';
import type { Admission } from '../admission/admission';
import type { CallPort, Language } from '../call/call-port';
import { CallerHungUpError } from '../call/caller-hung-up';
import { within } from '../lib/within';
import { errorSummary } from '../log/error-summary';
import { AriCall } from './ari-call';
import { refuseCall, type CallRefusal } from './call-refusal';
import { openAriConnection, type AriConnectionOptions } from './ari-connection';
import { createAriOps, type AriOps, type OriginateChannel } from './ari-ops';
import { callEventTypes, toCallEvent, type RawAriEvent } from './call-event';
import { filterAppEvents, handledEventTypes } from './event-filter';
import { hangUpLeftovers } from './leftover-channels';
import { outboundEventTypes, toOutboundEvent, type RawOutboundEvent } from './outbound-event';
import { OutboundLines, type OutboundWatch } from './outbound-lines';
import type { SoundLibrary } from '../sounds/sound-library';

export type CallDirection = 'inbound' | 'outbound';

/** What the channel says about a call besides its Stasis arguments. */
export interface CallInfo {
  direction: CallDirection;
  /** The channel's caller ID number as Asterisk has it (may be empty or 'anonymous'); never logged in full. */
  callerNumber: string;
}

export interface StasisAppOptions {
  url: string;
  user: string;
  password: string;
  app: string;
  /** Where each prompt's file is: src/sounds/load-sound-library.ts. */
  sounds: SoundLibrary;
  requestTimeoutMs: number;
  defaultLanguage: Language;
  /** Dialplan context of CallPort.handBack (RETURN_CONTEXT). */
  returnContext: string;
  /** Sets IVRPAY_FIELD before each field for simulated cardholders (ARI_FIELD_VARIABLE); off unless set. */
  fieldVariable?: boolean;
  log: Logger;
  /**
   * Runs the call script. `args` are the Stasis() arguments after the app name, e.g. ['inbound', '123456'],
   * or the appArgs of a channel this app originated ('outbound': only those may be trusted as ours).
   */
  onCall: (call: CallPort, args: string[], info: CallInfo) => Promise<void>;
  /** How long the first connection waits for Asterisk; 60 s unless set (Infinity: until `signal` aborts). */
  connectWaitMs?: number;
  /** Gives up the first connection: startStasisApp rejects. */
  signal?: AbortSignal;
  /** For tests: replaces ari-client's connect. */
  connect?: AriConnectionOptions['connect'];
  /**
   * The REST requests, when not through ari-client (the service passes createHttpAriOps, which costs
   * half the CPU). Events always come through ari-client.
   */
  ops?: AriOps;
  /** Each ARI event's size in bytes as received (bench:calls counts them); see AriConnectionOptions. */
  onRawEvent?: AriConnectionOptions['onRawEvent'];
  /** Whether a new inbound call is taken (lines and load, src/admission); every call is, unless set. */
  admission?: Admission;
}

/**
 * Events (names and ids only, never digits): 'call-start' {callId, args}, 'call-end' {callId},
 * 'prompt' {callId, prompts}, 'collect' {callId, field}, 'key-to-prompt' {callId, seconds} (from the key that ended a
 * collect to the request of the next prompt), 'disconnected', 'reconnected',
 * 'call-refused' {callId, reason: 'not-ready' | 'stopping' | 'lines-full' | 'overloaded'}.
 */
export interface StasisApp {
  readonly events: EventEmitter;
  /**
   * Lines in use: inbound calls in the app, and outbound channels from the originate request until their
   * watcher lets go (ringing included). Both when no direction is given.
   */
  activeCalls(filter?: { direction?: CallDirection }): number;
  /** Whether the call of this channel is in the app (its script running or ending). */
  isLive(callId: string): boolean;
  /**
   * Originates a channel into this app (`channel.app` is filled in). `watch` gets its events, routed by
   * channel id, until the returned `release` is called. Rejects, watching nothing, when Asterisk refuses.
   */
  originate(channel: Omit<OriginateChannel, 'app'>, watch: OutboundWatch): Promise<OutboundHandle>;
  /**
   * Whether new calls are taken (the service's readiness, src/health/readiness.ts). While not, a new call hears
   * the fallback prompt and is hung up, and originate refuses; calls in progress go on. Taken until told otherwise.
   */
  setAccepting(accepting: boolean): void;
  /** Refuses new calls politely, lets in-flight calls finish for up to `graceMs`, hangs up the rest, disconnects. */
  stop(opts?: { graceMs?: number }): Promise<void>;
}

export interface OutboundHandle {
  /** Frees the line: no more events for the watcher. */
  release(): void;
  /** Best effort, e.g. when the call outlived every deadline. */
  hangup(): Promise<void>;
}

interface RunningCall {
  call: AriCall;
  ops: AriOps;
  direction: CallDirection;
  done: Promise<void>;
}

export async function startStasisApp(opts: StasisAppOptions): Promise<StasisApp> {
  const { log, app } = opts;
  const events = new EventEmitter();
  const calls = new Map<string, RunningCall>();
  const outbound = new OutboundLines();
  /** Lines whose events were lost in a disconnect: hung up once connected again. */
  let lostLines: string[] = [];
  let currentOps: AriOps | undefined;
  let ready = true;
  let stopping = false;
  let refused = 0;
  const opsFor = (client: Client): AriOps => opts.ops ?? createAriOps(client, opts.requestTimeoutMs);

  function onStasisStart(clientOps: AriOps, event: StasisStart): void {
    const channelId = event.channel.id;
    const args = Array.isArray(event.args) ? event.args : event.args ? [event.args] : [];
    const call = new AriCall({
      channelId,
      ops: clientOps,
      sounds: opts.sounds,
      language: opts.defaultLanguage,
      returnContext: opts.returnContext,
      fieldVariable: opts.fieldVariable,
      log,
      events,
    });
    const direction: CallDirection = outbound.isLine(channelId) ? 'outbound' : 'inbound';
    const refusal = refusalOf(direction);
    if (refusal) {
      refused += 1;
      log.warn({ callId: channelId, reason: refusal, refusedSoFar: refused }, 'new call refused');
      events.emit('call-refused', { callId: channelId, reason: refusal });
    }
    const script = refusal ? refuseCall(refusal) : opts.onCall;
    outbound.deliver(channelId, { type: 'script-started' });
    const info: CallInfo = { direction, callerNumber: event.channel.caller?.number ?? '' };
    calls.set(channelId, { call, ops: clientOps, direction, done: run(clientOps, call, args, info, script) });
  }

  function refusalOf(direction: CallDirection): CallRefusal | undefined {
    if (stopping) return 'stopping';
    if (!ready) return 'not-ready';
    if (direction === 'outbound') return undefined;
    return opts.admission?.refusal({ inbound: activeCalls({ direction: 'inbound' }), outbound: outbound.count() });
  }

  async function run(clientOps: AriOps, call: AriCall, args: string[], info: CallInfo, script: StasisAppOptions['onCall']) {
    log.info({ callId: call.id, mode: args[0], direction: info.direction }, 'call started');
    events.emit('call-start', { callId: call.id, args });
    try {
      await script(call, args, info);
    } catch (err) {
      if (err instanceof CallerHungUpError) log.debug({ callId: call.id }, 'caller hung up');
      else log.error({ callId: call.id, err: errorSummary(err, { withMessage: true }) }, 'call script failed');
    }
    if (!call.signal.aborted) {
      await clientOps.hangup(call.id).catch((err: unknown) => {
        log.warn(
          { callId: call.id, err: errorSummary(err, { withMessage: true }) },
          'hanging up at the end of the script failed',
        );
      });
      call.abort('script ended');
    }
    calls.delete(call.id);
    outbound.deliver(call.id, { type: 'script-ended' });
    log.info({ callId: call.id }, 'call ended');
    events.emit('call-end', { callId: call.id });
  }

  function route(raw: RawAriEvent): void {
    const routed = toCallEvent(raw);
    if (!routed) return;
    const running = calls.get(routed.channelId);
    if (!running) return;
    log.trace({ callId: routed.channelId, event: raw.type }, 'ARI event');
    running.call.handleEvent(routed.event);
  }

  function routeOutbound(raw: RawOutboundEvent): void {
    const routed = toOutboundEvent(raw);
    if (routed) outbound.deliver(routed.channelId, routed.event);
  }

  async function originate(channel: Omit<OriginateChannel, 'app'>, watch: OutboundWatch): Promise<OutboundHandle> {
    const ops = currentOps;
    if (stopping) throw new Error('Stasis app is stopping');
    if (!ops) throw new Error('ARI is not connected');
    if (!ready) throw new Error('not ready: new calls are refused');
    const { channelId, otherChannelId } = channel;
    // Watched before the request: its first events may come before the answer.
    outbound.add(channelId, otherChannelId ? [otherChannelId] : [], watch);
    try {
      await ops.originate({ ...channel, app });
    } catch (err) {
      outbound.release(channelId);
      // A request that timed out may still have created the channel: it must not ring unwatched.
      void ops.hangup(channelId).catch(() => {});
      throw err;
    }
    return { release: () => outbound.release(channelId), hangup: () => ops.hangup(channelId) };
  }

  /** Our calls were ended when events stopped; channels left in the app are not live calls. */
  function cleanUp(clientOps: AriOps): Promise<void> {
    const isLive = (id: string) => calls.get(id)?.call.signal.aborted === false;
    return hangUpLeftovers(clientOps, { app, isLive, log });
  }

  function attach(client: Client, emitter: EventEmitter): void {
    const clientOps = opsFor(client);
    currentOps = clientOps;
    emitter.on('StasisStart', (event: StasisStart) => onStasisStart(clientOps, event));
    for (const type of callEventTypes) emitter.on(type, route);
    for (const type of outboundEventTypes) emitter.on(type, routeOutbound);
    emitter.on('ApplicationReplaced', () => log.error({ app }, 'another connection took over this Stasis app'));
  }

  const connection = await openAriConnection({
    url: opts.url,
    user: opts.user,
    password: opts.password,
    app,
    requestTimeoutMs: opts.requestTimeoutMs,
    initialWaitMs: opts.connectWaitMs,
    signal: opts.signal,
    connect: opts.connect,
    log,
    onRawEvent: opts.onRawEvent,
    onClient: attach,
    onDisconnected: () => {
      for (const { call } of calls.values()) call.abort('ARI disconnected');
      lostLines.push(...outbound.loseAll());
      events.emit('disconnected');
    },
    onReconnected: (client) => {
      void filterAppEvents(client, app, handledEventTypes, opts.requestTimeoutMs, log);
      const ops = opsFor(client);
      currentOps = ops;
      // A callback still ringing when events stopped would be answered into a call nobody follows.
      const lost = lostLines;
      lostLines = [];
      void Promise.allSettled(lost.map((id) => ops.hangup(id)))
        .then(() => cleanUp(ops))
        .then(() => events.emit('reconnected'));
    },
  });
  // Channels a previous run of this app left behind in Stasis would otherwise hang in silence.
  const firstClient = connection.client();
  if (firstClient) {
    void cleanUp(opsFor(firstClient));
    await filterAppEvents(firstClient, app, handledEventTypes, opts.requestTimeoutMs, log);
  }

  async function stop(stopOpts: { graceMs?: number } = {}): Promise<void> {
    stopping = true;
    // Not answered yet: nobody is on the line, and answering now would only hear "service unavailable".
    const ringing = outbound.lineIds().filter((id) => !calls.has(id));
    const ops = currentOps;
    if (ops) await Promise.allSettled(ringing.map((id) => ops.hangup(id)));
    const all = () => Promise.allSettled([...calls.values()].map((c) => c.done));
    await within(all(), { ms: stopOpts.graceMs ?? 10_000 });
    const left = [...calls.values()];
    await Promise.allSettled(left.map((running) => running.ops.hangup(running.call.id)));
    for (const { call } of left) call.abort('app stopping');
    // A script stuck outside the call (e.g. the acquirer) gets a little more time, not forever.
    await within(all(), { ms: 2_000 });
    outbound.loseAll();
    await connection.close();
    log.info({ app }, 'Stasis app stopped');
  }

  function activeCalls(filter: { direction?: CallDirection } = {}): number {
    const inbound = [...calls.values()].filter((c) => c.direction === 'inbound').length;
    if (filter.direction === 'inbound') return inbound;
    if (filter.direction === 'outbound') return outbound.count();
    return inbound + outbound.count();
  }

  function setAccepting(accepting: boolean): void {
    if (accepting === ready) return;
    ready = accepting;
    log.info({ app, accepting }, accepting ? 'taking new calls again' : 'not ready: refusing new calls');
  }

  return { events, activeCalls, isLive: (callId) => calls.has(callId), originate, setAccepting, stop };
}
