import { EventEmitter } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Client, StasisStart } from 'ari-client';
import type { Logger } from 'pino';
import type { CallPort, Language } from '../call/call-port';
import { CallerHungUpError } from '../call/caller-hung-up';
import { AriCall } from './ari-call';
import { openAriConnection, type AriConnectionOptions } from './ari-connection';
import { createAriOps, type AriOps } from './ari-ops';
import { callEventTypes, toCallEvent, type RawAriEvent } from './call-event';
import { errorSummary } from './error-summary';

export interface StasisAppOptions {
  url: string;
  user: string;
  password: string;
  app: string;
  soundsDir: string;
  requestTimeoutMs: number;
  defaultLanguage: Language;
  log: Logger;
  /** Runs the call script. `args` are the Stasis() arguments after the app name, e.g. ['inbound', '123456']. */
  onCall: (call: CallPort, args: string[]) => Promise<void>;
  /** How long the first connection waits for Asterisk; 60 s unless set. */
  connectWaitMs?: number;
  /** For tests: replaces ari-client's connect. */
  connect?: AriConnectionOptions['connect'];
}

/**
 * Events (names and ids only, never digits): 'call-start' {callId, args}, 'call-end' {callId},
 * 'prompt' {callId, prompts}, 'collect' {callId, field}, 'disconnected', 'reconnected'.
 */
export interface StasisApp {
  readonly events: EventEmitter;
  activeCalls(): number;
  /** Refuses new calls politely, lets in-flight calls finish for up to `graceMs`, hangs up the rest, disconnects. */
  stop(opts?: { graceMs?: number }): Promise<void>;
}

interface RunningCall {
  call: AriCall;
  ops: AriOps;
  done: Promise<void>;
}

export async function startStasisApp(opts: StasisAppOptions): Promise<StasisApp> {
  const { log, app } = opts;
  const events = new EventEmitter();
  const calls = new Map<string, RunningCall>();
  let accepting = true;

  function onStasisStart(clientOps: AriOps, event: StasisStart): void {
    const channelId = event.channel.id;
    const args = Array.isArray(event.args) ? event.args : event.args ? [event.args] : [];
    const call = new AriCall({
      channelId,
      ops: clientOps,
      soundsDir: opts.soundsDir,
      language: opts.defaultLanguage,
      log,
      events,
    });
    const script = accepting ? opts.onCall : refuse;
    calls.set(channelId, { call, ops: clientOps, done: run(clientOps, call, args, script) });
  }

  async function run(clientOps: AriOps, call: AriCall, args: string[], script: StasisAppOptions['onCall']) {
    log.info({ callId: call.id, mode: args[0] }, 'call started');
    events.emit('call-start', { callId: call.id, args });
    try {
      await script(call, args);
    } catch (err) {
      if (err instanceof CallerHungUpError) log.debug({ callId: call.id }, 'caller hung up');
      else log.error({ callId: call.id, err: errorSummary(err) }, 'call script failed');
    }
    if (!call.signal.aborted) {
      await clientOps.hangup(call.id).catch((err: unknown) => {
        log.warn({ callId: call.id, err: errorSummary(err) }, 'hanging up at the end of the script failed');
      });
      call.abort('script ended');
    }
    calls.delete(call.id);
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

  /** After a gap in events, no call can be trusted: end ours, then hang up channels left in our app. */
  async function hangUpLeftovers(clientOps: AriOps): Promise<void> {
    const stale = (id: string) => !calls.get(id) || calls.get(id)?.call.signal.aborted;
    try {
      const ours = (await clientOps.listChannels()).filter(
        (c) => c.appName === 'Stasis' && c.appData.split(',')[0] === app && stale(c.id),
      );
      if (ours.length === 0) return;
      // A StasisStart already on its way makes a channel a live call, not a leftover.
      await sleep(1_000);
      await Promise.all(ours.filter((c) => stale(c.id)).map((c) => clientOps.hangup(c.id)));
      log.info({ app, count: ours.length }, 'hung up channels left over in the app');
    } catch (err) {
      log.warn({ err: errorSummary(err) }, 'cleaning up channels after a reconnect failed');
    }
  }

  function attach(client: Client, emitter: EventEmitter): void {
    const clientOps = createAriOps(client, opts.requestTimeoutMs);
    emitter.on('StasisStart', (event: StasisStart) => onStasisStart(clientOps, event));
    for (const type of callEventTypes) emitter.on(type, route);
    emitter.on('ApplicationReplaced', () => log.error({ app }, 'another connection took over this Stasis app'));
  }

  const connection = await openAriConnection({
    url: opts.url,
    user: opts.user,
    password: opts.password,
    app,
    requestTimeoutMs: opts.requestTimeoutMs,
    initialWaitMs: opts.connectWaitMs,
    connect: opts.connect,
    log,
    onClient: attach,
    onDisconnected: () => {
      for (const { call } of calls.values()) call.abort('ARI disconnected');
      events.emit('disconnected');
    },
    onReconnected: (client) => {
      void hangUpLeftovers(createAriOps(client, opts.requestTimeoutMs)).then(() => events.emit('reconnected'));
    },
  });
  // Channels a previous run of this app left behind in Stasis would otherwise hang in silence.
  const firstClient = connection.client();
  if (firstClient) void hangUpLeftovers(createAriOps(firstClient, opts.requestTimeoutMs));

  async function stop(stopOpts: { graceMs?: number } = {}): Promise<void> {
    accepting = false;
    const all = () => Promise.allSettled([...calls.values()].map((c) => c.done));
    await waitAtMost(all(), stopOpts.graceMs ?? 10_000);
    const left = [...calls.values()];
    await Promise.allSettled(left.map((running) => running.ops.hangup(running.call.id)));
    for (const { call } of left) call.abort('app stopping');
    // A script stuck outside the call (e.g. the acquirer) gets a little more time, not forever.
    await waitAtMost(all(), 2_000);
    connection.close();
    log.info({ app }, 'Stasis app stopped');
  }

  return { events, activeCalls: () => calls.size, stop };
}

async function waitAtMost(promise: Promise<unknown>, ms: number): Promise<void> {
  const timer = new AbortController();
  await Promise.race([promise, sleep(ms, undefined, { signal: timer.signal }).catch(() => {})]);
  timer.abort();
}

/** While stopping: the caller hears why, instead of silence. */
async function refuse(call: CallPort): Promise<void> {
  await call.answer();
  await call.play(['service-unavailable']);
  await call.hangup();
}
